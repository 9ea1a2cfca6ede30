package tongban.adapters.publicsecurity;

/**
 * 身份核验结果 — whether a name and resident id number belong together in the population register.
 *
 * @param result      {@code MATCH}, {@code MISMATCH} or {@code NOT_FOUND}
 * @param description the department's own wording of the result
 */
public record IdentityVerification(Result result, String description) {

    public enum Result { MATCH, MISMATCH, NOT_FOUND }
}
