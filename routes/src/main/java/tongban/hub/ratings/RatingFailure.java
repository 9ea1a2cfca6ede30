package tongban.hub.ratings;

import org.springframework.http.HttpStatus;
import tongban.hub.problem.WordedFailure;

/** A rating that cannot be taken: a problem for the API, words for the applicant's page. */
public class RatingFailure extends WordedFailure {

    RatingFailure(HttpStatus status, String code, String words, String detail) {
        super(status, code, words, detail);
    }

    static RatingFailure invalid(String words, String detail) {
        return new RatingFailure(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", words, detail);
    }

    static RatingFailure conflict(String code, String words, String detail) {
        return new RatingFailure(HttpStatus.CONFLICT, code, words, detail);
    }

    static RatingFailure forbidden(String code, String words, String detail) {
        return new RatingFailure(HttpStatus.FORBIDDEN, code, words, detail);
    }
}
