package tongban.adapters.support;

/** The caller's request cannot be sent to the department as it is; names the offending field. */
public class InvalidRequestException extends RuntimeException {

    private final String field;

    public InvalidRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
