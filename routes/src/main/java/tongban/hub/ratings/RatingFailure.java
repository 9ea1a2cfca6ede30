package tongban.hub.ratings;

import org.springframework.http.HttpStatus;
import tongban.hub.exchange.ExchangeFailure;

/** A rating that cannot be taken: an RFC 7807 problem for the API, with words for the applicant's page. */
public class RatingFailure extends ExchangeFailure {

    private final String words;

    RatingFailure(HttpStatus status, String code, String words, String detail) {
        super(status, code, detail);
        this.words = words;
    }

    public String words() {
        return words;
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
