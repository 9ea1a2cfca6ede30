package tongban.hub.catalogue;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tongban.hub.problem.ExchangeFailure;
import tongban.sso.identity.Caller;

import java.util.List;

/**
 * {@code GET /api/v1/catalogue} — the hub's copy of the service-item catalogue, searchable by name, department and
 * code; {@code POST /api/v1/catalogue/sync} and {@code GET /api/v1/catalogue/runs} for operations staff.
 */
@RestController
class CatalogueController {

    private final CatalogueStore store;
    private final CatalogueSync sync;

    CatalogueController(CatalogueStore store, CatalogueSync sync) {
        this.store = store;
        this.sync = sync;
    }

    record Page(long total, int page, int size, List<CatalogueItem> items) {
    }

    @GetMapping("/api/v1/catalogue")
    Page search(@RequestParam(required = false) String name, @RequestParam(required = false) String department,
                @RequestParam(required = false) String code, @RequestParam(defaultValue = "1") int page,
                @RequestParam(defaultValue = "20") int size) {
        if (page < 1 || page > 10_000 || size < 1 || size > 100) {
            throw ExchangeFailure.invalid("page must be 1–10000 and size 1–100");
        }
        for (String filter : new String[]{name, department, code}) {
            if (filter != null && filter.length() > 100) {
                throw ExchangeFailure.invalid("a search term is at most 100 characters");
            }
        }
        String n = blankToNull(name);
        String d = blankToNull(department);
        String c = blankToNull(code);
        return new Page(store.count(n, d, c), page, size, store.search(n, d, c, (page - 1) * size, size));
    }

    @PostMapping("/api/v1/catalogue/sync")
    SyncReport syncNow(@AuthenticationPrincipal Jwt jwt) {
        Caller caller = Caller.from(jwt);
        return sync.run(caller.username() == null ? caller.subject() : caller.username());
    }

    @GetMapping("/api/v1/catalogue/runs")
    List<SyncReport> runs() {
        return store.recentRuns(20);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
