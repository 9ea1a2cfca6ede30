package tongban.hub.cases;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tongban.hub.exchange.ServiceRegistry;
import tongban.sso.identity.Caller;

import java.util.List;

/**
 * {@code GET /api/v1/post-checks}: the 告知承诺 checks still due, the earliest deadline first — a department's own
 * system sees its own (and reports each by its notice), window staff those of their window, operations all.
 */
@RestController
class CommitmentController {

    private final Commitments commitments;
    private final ServiceRegistry registry;

    CommitmentController(Commitments commitments, ServiceRegistry registry) {
        this.commitments = commitments;
        this.registry = registry;
    }

    @GetMapping("/api/v1/post-checks")
    List<Commitments.DueCheck> due(@AuthenticationPrincipal Jwt jwt,
                                   @RequestParam(defaultValue = "100") int limit) {
        Caller caller = Caller.from(jwt);
        int n = Math.max(1, Math.min(limit, 500));
        if (caller.hasRole(Caller.OPS)) {
            return commitments.due(null, null, n);
        }
        String department = registry.departmentOfSystem(caller.clientId()).orElse(null);
        if (department != null) {
            return commitments.due(department, null, n);
        }
        if (caller.isStaff() && caller.serviceWindow() != null) {
            return commitments.due(null, caller.serviceWindow(), n);
        }
        throw CaseFailure.forbidden("NO_ACCESS_RIGHT", "无权查看核查任务",
                "only a department's system, window staff or operations see post-checks");
    }
}
