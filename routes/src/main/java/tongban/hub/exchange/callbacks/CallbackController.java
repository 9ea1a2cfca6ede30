package tongban.hub.exchange.callbacks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tongban.hub.exchange.JsonRequests;
import tongban.hub.web.RequestIdFilter;
import tongban.sso.identity.Caller;

import java.io.IOException;

/**
 * {@code POST /api/v1/callbacks/{department}/{callback}} — a department system's notice: 202 when taken,
 * 200 when it is a repeat of one already taken (the same answer as the first time).
 */
@RestController
class CallbackController {

    private final CallbackService callbacks;
    private final JsonRequests requests;

    CallbackController(CallbackService callbacks, JsonRequests requests) {
        this.callbacks = callbacks;
        this.requests = requests;
    }

    @PostMapping(path = "/api/v1/callbacks/{department}/{callback}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ObjectNode> notice(@AuthenticationPrincipal Jwt jwt, @PathVariable String department,
                                      @PathVariable String callback, HttpServletRequest request) throws IOException {
        JsonRequests.Body body = requests.read(request);
        CallbackService.Received received = callbacks.receive(Caller.from(jwt), department, callback, body.raw(),
                body.json(), RequestIdFilter.current());
        return ResponseEntity.status(received.repeated() ? 200 : 202).body(received.event());
    }
}
