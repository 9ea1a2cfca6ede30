package tongban.adapters.support.descriptor;

/**
 * A department descriptor that cannot be used. The message names the file and the field, so that the start-up
 * failure says exactly what to fix: {@code departments/tax.yaml: services[1].inputs.idNumber.type: unknown type 'idnum'}.
 */
public class DescriptorException extends RuntimeException {

    private final String source;
    private final String field;

    public DescriptorException(String source, String field, String problem) {
        super(source + ": " + (field == null || field.isEmpty() ? "" : field + ": ") + problem);
        this.source = source;
        this.field = field;
    }

    public String source() {
        return source;
    }

    public String field() {
        return field;
    }
}
