package tongban.adapters.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.function.Function;

/**
 * A call a department system makes <em>into</em> the hub — a notice that something changed on its side, such as
 * an approval stage — received at {@code POST /api/v1/callbacks/{department}/{name}}.
 *
 * @param clientId   the Keycloak client (client-credentials) whose tokens alone may make this call
 * @param eventId    reads the department's own id of the event from its body (for repeats), or null if absent
 * @param toCanonical maps the department's body to the canonical event; throws {@link InvalidRequestException}
 *                    naming the field when the body cannot be read
 */
public record CallbackDefinition(String department, String name, String title, String clientId,
                                 Function<JsonNode, String> eventId, Function<JsonNode, JsonNode> toCanonical) {

    public String address() {
        return department + "/" + name;
    }
}
