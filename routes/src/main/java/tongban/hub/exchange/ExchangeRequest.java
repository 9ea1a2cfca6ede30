package tongban.hub.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import tongban.sso.identity.Caller;

import java.nio.charset.StandardCharsets;

/**
 * One call on the exchange, as {@link ExchangeService#call} takes it: who calls, which service, what they sent, for
 * which case, under which request id.
 *
 * @param caseId    the case the call is made for ({@code X-Case-Id}), or null
 * @param requestId the id the call is logged under and answered with
 */
public record ExchangeRequest(Caller caller, String department, String service, Payload payload, String caseId,
                              String requestId) {

    /**
     * What the caller sent: the bytes as they came (their hash goes into the message log) and the same read as JSON.
     */
    public record Payload(byte[] raw, JsonNode json) {

        /** A request the platform builds itself: its bytes are its JSON's text. */
        public static Payload of(JsonNode json) {
            return new Payload(json.toString().getBytes(StandardCharsets.UTF_8), json);
        }
    }
}
