package tongban.hub.messagelog;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tongban.hub.problem.ExchangeFailure;
import tongban.sso.identity.Caller;

import java.util.List;

/**
 * What the message log shows: a citizen's own data-usage trail, and (for operations staff) the
 * verification of the whole chain.
 */
@RestController
class MessageLogController {

    private final DataUsage usage;
    private final ChainVerifier verifier;

    MessageLogController(DataUsage usage, ChainVerifier verifier) {
        this.usage = usage;
        this.verifier = verifier;
    }

    /** 数据使用记录 — which client used which of my data, when, and for which case. */
    @GetMapping("/api/v1/me/data-usage")
    Trail dataUsage(@AuthenticationPrincipal Jwt jwt) {
        Caller caller = Caller.from(jwt);
        if (caller.idNumber() == null) {
            throw new ExchangeFailure(HttpStatus.FORBIDDEN, "NOT_A_CITIZEN", "only a citizen account has a data-usage trail");
        }
        return new Trail(usage.of(caller.idNumber(), 200), usage.coverage());
    }

    /** Walks the whole chain; role {@code ops} only (see the security configuration). */
    @PostMapping("/api/v1/message-log/verification")
    ChainVerification verify() {
        return verifier.verify();
    }

    /** @param coverage what the trail covers and how to ask for older uses, in words */
    record Trail(List<DataUsage.Use> uses, String coverage) {
    }
}
