package tongban.adapters.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.regex.Pattern;

/** Reads and checks the fields of a canonical JSON request; every failure names the field. */
public final class RequestFields {

    private RequestFields() {
    }

    public static String requiredText(JsonNode request, String field, int maxLength) {
        JsonNode node = request == null ? null : request.get(field);
        if (node == null || node.isNull()) {
            throw new InvalidRequestException(field, "'" + field + "' is required");
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            throw new InvalidRequestException(field, "'" + field + "' must be a non-empty string");
        }
        String value = node.asText().strip();
        if (value.length() > maxLength) {
            throw new InvalidRequestException(field, "'" + field + "' must be at most " + maxLength + " characters");
        }
        return value;
    }

    public static String requiredMatching(JsonNode request, String field, Pattern pattern, String expectation) {
        String value = requiredText(request, field, 200);
        if (!pattern.matcher(value).matches()) {
            throw new InvalidRequestException(field, "'" + field + "' must be " + expectation);
        }
        return value;
    }

    public static String requiredIdNumber(JsonNode request, String field) {
        String value = requiredText(request, field, 18);
        if (!ResidentIdNumber.isValid(value)) {
            throw new InvalidRequestException(field, "'" + field + "' is not a valid 18-character resident id number");
        }
        return value;
    }

    public static int optionalInt(JsonNode request, String field, int defaultValue, int min, int max) {
        JsonNode node = request == null ? null : request.get(field);
        if (node == null || node.isNull()) {
            return defaultValue;
        }
        if (!node.isInt() || node.asInt() < min || node.asInt() > max) {
            throw new InvalidRequestException(field, "'" + field + "' must be an integer from " + min + " to " + max);
        }
        return node.asInt();
    }
}
