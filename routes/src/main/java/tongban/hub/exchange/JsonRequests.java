package tongban.hub.exchange;

import tongban.hub.problem.ExchangeFailure;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;

/** Reads an exchange request body (size-limited, a JSON object) and checks the exchange's request headers. */
@Component
public class JsonRequests {

    /** 办件编号 — letters, digits and a few separators, at most 64 characters. */
    private static final Pattern CASE_ID = Pattern.compile("[A-Za-z0-9._:/-]{1,64}");

    /** The raw bytes (hashed into the message log) and the parsed object. */
    public record Body(byte[] raw, JsonNode json) {
    }

    private final ExchangeProperties properties;
    private final ObjectMapper json;

    JsonRequests(ExchangeProperties properties, ObjectMapper json) {
        this.properties = properties;
        this.json = json;
    }

    /** @throws ExchangeFailure 400 for a malformed case id */
    public String caseId(String caseId) {
        if (caseId != null && !CASE_ID.matcher(caseId).matches()) {
            throw ExchangeFailure.invalid("X-Case-Id must be 1–64 letters, digits or . _ : / -");
        }
        return caseId;
    }

    /** @throws ExchangeFailure 400 {@code PAYLOAD_TOO_LARGE}, {@code MALFORMED_JSON} or {@code INVALID_REQUEST} */
    public Body read(HttpServletRequest request) throws IOException {
        byte[] raw = readLimited(request);
        return new Body(raw, parse(raw));
    }

    private byte[] readLimited(HttpServletRequest request) throws IOException {
        int limit = properties.maxRequestBytes();
        if (request.getContentLengthLong() > limit) {
            throw tooLarge(limit);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] raw = in.readNBytes(limit + 1);
            if (raw.length > limit) {
                throw tooLarge(limit);
            }
            return raw;
        }
    }

    private JsonNode parse(byte[] raw) {
        try {
            JsonNode body = raw.length == 0 ? null : json.readTree(raw);
            if (body == null || !body.isObject()) {
                throw ExchangeFailure.invalid("the request body must be a JSON object");
            }
            return body;
        } catch (JsonProcessingException e) {
            throw new ExchangeFailure(HttpStatus.BAD_REQUEST, "MALFORMED_JSON",
                    "the request body is not well-formed JSON (line " + e.getLocation().getLineNr()
                            + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw ExchangeFailure.invalid("the request body could not be read");
        }
    }

    private static ExchangeFailure tooLarge(int limit) {
        return new ExchangeFailure(HttpStatus.BAD_REQUEST, "PAYLOAD_TOO_LARGE",
                "the request body is larger than " + limit + " bytes");
    }
}
