package tongban.hub.cases;

import org.springframework.http.HttpStatus;
import tongban.hub.exchange.ExchangeFailure;

/**
 * A case request that cannot be done: an RFC 7807 problem for the API (code and English detail), and the same in
 * words for the applicant's page ({@link #words()}), never the code.
 */
public class CaseFailure extends ExchangeFailure {

    private final String words;

    CaseFailure(HttpStatus status, String code, String words, String detail) {
        super(status, code, detail);
        this.words = words;
    }

    /** What to tell a person, in Chinese. */
    public String words() {
        return words;
    }

    static CaseFailure invalid(String words, String detail) {
        return new CaseFailure(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", words, detail);
    }

    static CaseFailure notFound(String caseNumber) {
        return new CaseFailure(HttpStatus.NOT_FOUND, "CASE_NOT_FOUND", "没有找到办件 " + caseNumber,
                "there is no case " + caseNumber + " that you may see");
    }

    static CaseFailure conflict(String words, String detail) {
        return new CaseFailure(HttpStatus.CONFLICT, "CASE_STATUS_CONFLICT", words, detail);
    }

    static CaseFailure forbidden(String code, String words, String detail) {
        return new CaseFailure(HttpStatus.FORBIDDEN, code, words, detail);
    }
}
