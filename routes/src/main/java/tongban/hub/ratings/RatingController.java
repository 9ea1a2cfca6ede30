package tongban.hub.ratings;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tongban.hub.exchange.JsonRequests;
import tongban.sso.identity.Caller;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/cases/{n}/rating} (一事一评), {@code POST /api/v1/cases/{n}/follow-up-rating} (追评) and
 * {@code GET /api/v1/cases/{n}/ratings}.
 */
@RestController
class RatingController {

    private final Ratings ratings;
    private final JsonRequests requests;

    RatingController(Ratings ratings, JsonRequests requests) {
        this.ratings = ratings;
        this.requests = requests;
    }

    @PostMapping("/api/v1/cases/{caseNumber}/rating")
    ResponseEntity<Rating> rate(@AuthenticationPrincipal Jwt jwt, @PathVariable String caseNumber,
                                HttpServletRequest request) throws IOException {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(ratings.rate(Caller.from(jwt), caseNumber, Ratings.RATING, read(request)));
    }

    @PostMapping("/api/v1/cases/{caseNumber}/follow-up-rating")
    ResponseEntity<Rating> followUp(@AuthenticationPrincipal Jwt jwt, @PathVariable String caseNumber,
                                    HttpServletRequest request) throws IOException {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(ratings.rate(Caller.from(jwt), caseNumber, Ratings.FOLLOW_UP, read(request)));
    }

    @GetMapping("/api/v1/cases/{caseNumber}/ratings")
    List<Rating> of(@AuthenticationPrincipal Jwt jwt, @PathVariable String caseNumber) {
        return ratings.of(Caller.from(jwt), caseNumber);
    }

    private Ratings.Request read(HttpServletRequest request) throws IOException {
        JsonNode body = requests.read(request).json();
        if (!body.path("level").canConvertToInt() || !body.path("level").isIntegralNumber()) {
            throw RatingFailure.invalid("请选择评价等级", "level (1..5) is required");
        }
        Map<String, Integer> indicators = new LinkedHashMap<>();
        JsonNode given = body.path("indicators");
        if (!given.isMissingNode() && !given.isObject()) {
            throw RatingFailure.invalid("评价指标不正确", "indicators is an object of name: 1..5");
        }
        given.fields().forEachRemaining(e -> {
            if (!e.getValue().isIntegralNumber()) {
                throw RatingFailure.invalid("请为每项指标选择 1 到 5 分", e.getKey() + " must be 1..5");
            }
            indicators.put(e.getKey(), e.getValue().asInt());
        });
        return new Ratings.Request(body.path("level").asInt(), indicators,
                body.path("comment").isTextual() ? body.path("comment").asText() : null,
                body.path("applicantIdNumber").asText(null), false);
    }
}
