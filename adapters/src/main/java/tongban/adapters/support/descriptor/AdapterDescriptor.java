package tongban.adapters.support.descriptor;

import tongban.adapters.support.CallLimits;
import tongban.adapters.support.DepartmentException;
import tongban.adapters.support.DepartmentSettings;

import java.nio.charset.Charset;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A REST or XML-over-HTTP department described by one file ({@code departments/<department>.yaml}) instead of
 * Java: where it lives, how it authenticates, how it says "error", and for each service how the canonical
 * request becomes its request and its answer becomes the canonical answer. Read by {@link DescriptorParser},
 * carried by {@link DescribedAdapter}. {@code docs/adding-an-adapter.md} walks through a file.
 *
 * <p>Each environment sets where the department lives and its secrets under one naming convention that follows
 * from the department's name ({@link #setting}): {@code tongban.departments.<department>.url}, and for the auth
 * style {@code .api-key} or {@code .app-key}/{@code .app-secret} — as environment variables
 * {@code TONGBAN_DEPARTMENTS_<DEPARTMENT>_URL} and so on ({@link DepartmentSettings}).
 *
 * @param source          where the descriptor was read from, named in every error about it
 * @param transactionHeader the header carrying the hub's transaction id (every attempt of a submission: its id), or
 *                        null
 * @param statusKinds     HTTP statuses the department uses on purpose, and what they mean
 */
public record AdapterDescriptor(String source, String department, String title, String unitCode,
                                Duration timeout, Duration connectTimeout, long maxAnswerBytes, int maxConcurrentCalls,
                                String transactionHeader, Auth auth, Format format,
                                Charset charset, Result result, Map<Integer, DepartmentException.Kind> statusKinds,
                                List<Service> services, List<Callback> callbacks) {

    /** Its call limits as described (each environment may override them: {@link CallLimits#in}). */
    public CallLimits limits() {
        return new CallLimits(connectTimeout, timeout, maxAnswerBytes, maxConcurrentCalls);
    }

    /** The property {@code tongban.departments.<department>.<name>} ({@link DepartmentSettings}). */
    public String setting(String name) {
        return DepartmentSettings.of(department, name);
    }

    /** The property holding the department's base URL. */
    public String urlProperty() {
        return setting("url");
    }

    /** The secrets its auth style needs, as property names (each environment sets them; nothing is in the jar). */
    public List<String> secretSettings() {
        return switch (auth.style()) {
            case NONE -> List.of();
            case API_KEY -> List.of(setting("api-key"));
            case HMAC_SHA256 -> List.of(setting("app-key"), setting("app-secret"));
        };
    }

    /** Every property the department needs set before the hub may start: its URL and its secrets. */
    public List<String> requiredSettings() {
        List<String> settings = new ArrayList<>();
        settings.add(urlProperty());
        settings.addAll(secretSettings());
        return List.copyOf(settings);
    }

    /** How the department's answers and request bodies are written. */
    public enum Format { JSON, XML }

    /**
     * How the hub proves itself to the department; the secrets are the department's settings
     * ({@link #secretSettings()}).
     *
     * @param header for {@code api-key}: the header carrying the key
     */
    public record Auth(AuthStyle style, String header) {
        public static final Auth NONE = new Auth(AuthStyle.NONE, null);
    }

    public enum AuthStyle {
        NONE, API_KEY,
        /** The API-gateway signature common to provincial open platforms: {@link ApiGatewaySigner}. */
        HMAC_SHA256
    }

    /**
     * Where the department puts its own result code inside a 2xx answer, and which codes mean what.
     * Pointers are JSON pointers; for XML they walk the element tree under the root element.
     */
    public record Result(String codePointer, List<String> ok, List<String> notFound, List<String> unavailable,
                         List<String> refused, String messagePointer, String dataPointer) {
    }

    /**
     * One service. {@code {name}} in the path, query and body is replaced by the checked input {@code name}
     * ({@code {requestId}} by the exchange request id).
     *
     * @param subjectInput  the input holding the id number of the person the call is about, or null
     * @param minimumLevel  the real-name level (2–4) a citizen needs for this service, 0 for none
     * @param idempotent    whether the call only reads (may be retried); defaults to "method is GET"
     * @param bodyTemplate  for XML: the request document; for JSON: the request object written as JSON
     */
    public record Service(String name, String title, String method, String pathTemplate,
                          Map<String, String> query, String bodyTemplate, Map<String, Input> inputs,
                          String subjectInput, int minimumLevel, boolean idempotent, List<OutputField> output) {
    }

    /**
     * A notice the department sends into the hub ({@code POST /api/v1/callbacks/<department>/<name>}).
     *
     * @param client         the Keycloak client whose tokens alone may send it
     * @param eventIdPointer where the department puts its own id of the event (repeats are recognised by it)
     * @param fields         the canonical event's fields, read from the department's body as answers are
     */
    public record Callback(String name, String title, String client, String eventIdPointer,
                           List<OutputField> fields) {
    }

    /** A request field, checked before the department is called. */
    public record Input(String name, InputType type, boolean required, String defaultValue,
                        Pattern pattern, int maxLength, Integer min, Integer max,
                        DateTimeFormatter departmentFormat) {
    }

    /**
     * A field of the canonical answer.
     *
     * @param from  pointer into the department's data, relative to {@link Result#dataPointer()}
     * @param codes department code → canonical value, for coded fields; a code not listed is the department's
     *              error (502), unless {@code other} says what it means
     * @param other the canonical value of any code not in {@code codes}, or null
     * @param items for lists: the fields of each element (then {@code from} points at the list)
     */
    public record OutputField(String name, String from, ValueType type,
                              DateTimeFormatter departmentFormat,
                              Map<String, String> codes, String other, List<OutputField> items) {
    }

    /** Types of request inputs; each checks its value the same way everywhere. */
    public enum InputType {
        TEXT, CODE, INTEGER,
        /** 公民身份号码, GB 11643 check digit. */
        ID_NUMBER,
        /** 统一社会信用代码, GB 32100 check character. */
        CREDIT_CODE,
        /** {@code yyyy-MM} from the caller; sent in the input's {@code format}. */
        MONTH,
        /** ISO {@code yyyy-MM-dd} from the caller; sent in the input's {@code format}. */
        DATE
    }

    /** Types of answer fields. */
    public enum ValueType {
        TEXT, INTEGER, DECIMAL, BOOLEAN,
        /** read in the field's {@code format}, answered as ISO {@code yyyy-MM-dd}. */
        DATE,
        /** read in the field's {@code format}, answered as {@code yyyy-MM}. */
        MONTH,
        /** read in the field's {@code format} as Beijing time, answered as ISO with offset ({@code …T10:00:00+08:00}). */
        DATETIME,
        LIST
    }
}
