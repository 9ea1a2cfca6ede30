package tongban.adapters.support;

/**
 * A department call that did not give a usable answer, already classified so that the hub can answer
 * its caller with the right status without knowing the department's protocol.
 */
public class DepartmentException extends RuntimeException {

    /** Why the call failed, from the caller's point of view, with the problem code the caller gets for it. */
    public enum Kind {
        /** The department answered, but with an error (SOAP fault, error code in the body, 5xx). */
        ERROR("DEPARTMENT_ERROR"),
        /** The department could not be reached or said it is unavailable. */
        UNAVAILABLE("DEPARTMENT_UNAVAILABLE"),
        /** The department did not answer in time. */
        TIMEOUT("DEPARTMENT_TIMEOUT"),
        /** The department says the record asked for does not exist. */
        RECORD_NOT_FOUND("RECORD_NOT_FOUND"),
        /**
         * The department refused the hub itself (401/403: a wrong or expired key, a bad signature): a configuration
         * fault on the hub's side that no retry by the caller mends.
         */
        AUTH_FAILED("DEPARTMENT_AUTH_FAILED"),
        /** The department's answer was larger than the hub takes from it (nothing of it was kept). */
        ANSWER_TOO_LARGE("DEPARTMENT_ANSWER_TOO_LARGE"),
        /**
         * The department decided against the request on its merits (a name already taken, an application it will
         * not take): final, and its own words are the reason ({@link #reason()}).
         */
        REFUSED("DEPARTMENT_REFUSED");

        private final String problemCode;

        Kind(String problemCode) {
            this.problemCode = problemCode;
        }

        /** The stable code of the RFC 7807 problem the caller gets. */
        public String problemCode() {
            return problemCode;
        }
    }

    private final Kind kind;
    private final String department;
    private final String departmentCode;
    private final String reason;

    public DepartmentException(Kind kind, String department, String departmentCode, String message, Throwable cause) {
        this(kind, department, departmentCode, message, null, cause);
    }

    /** @param reason the department's own words for a {@link Kind#REFUSED refusal}, fit to show the applicant */
    public DepartmentException(Kind kind, String department, String departmentCode, String message, String reason,
                               Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.department = department;
        this.departmentCode = departmentCode;
        this.reason = reason;
    }

    public DepartmentException(Kind kind, String department, String departmentCode, String message) {
        this(kind, department, departmentCode, message, null);
    }

    public Kind kind() {
        return kind;
    }

    public String department() {
        return department;
    }

    /** The department's own words for a refusal, or null. */
    public String reason() {
        return reason;
    }

    /** The department's own error code, when it gave one (kept for the message log, never shown raw to citizens). */
    public String departmentCode() {
        return departmentCode;
    }
}
