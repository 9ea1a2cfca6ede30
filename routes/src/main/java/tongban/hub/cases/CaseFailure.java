package tongban.hub.cases;

import org.springframework.http.HttpStatus;
import tongban.hub.problem.WordedFailure;

/** A case request that cannot be done: a problem for the API, words for the applicant's page. */
public class CaseFailure extends WordedFailure {

    CaseFailure(HttpStatus status, String code, String words, String detail) {
        super(status, code, words, detail);
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
