package tongban.adapters.publicsecurity;

import com.fasterxml.jackson.databind.JsonNode;
import tongban.adapters.support.CallbackDefinition;
import tongban.adapters.support.InvalidRequestException;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/**
 * The public security bureau's notification gateway, through which its systems tell the hub about applications and
 * work orders: every notice carries its id as {@code tzbh} and its time as {@code sj} (Beijing, yyyy-MM-dd HH:mm:ss),
 * and comes with the bureau's own client.
 */
final class NotificationGateway {

    static final String CLIENT = "public-security-system";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private NotificationGateway() {
    }

    /** A notice of the gateway, mapped to its canonical fields by {@code toCanonical}. */
    static CallbackDefinition callback(String name, String title, Function<JsonNode, JsonNode> toCanonical) {
        return new CallbackDefinition(PublicSecurityMapper.DEPARTMENT, name, title, CLIENT,
                body -> body.path("tzbh").isValueNode() && !body.path("tzbh").asText().isBlank()
                        ? body.path("tzbh").asText().strip() : null,
                toCanonical);
    }

    /** The notice's {@code sj}, as an ISO time with Beijing's offset. */
    static String changedAt(JsonNode body) {
        try {
            return LocalDateTime.parse(body.path("sj").asText(), WHEN).atOffset(ZoneOffset.ofHours(8)).toString();
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("sj", "sj must be yyyy-MM-dd HH:mm:ss");
        }
    }
}
