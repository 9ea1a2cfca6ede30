package tongban.hub.problem;

import org.springframework.http.HttpStatus;

/**
 * A refusal of the platform's own services (cases, ratings, work orders): the RFC 7807 problem an API caller gets
 * (status, stable code, English detail), and the same in words for the person on a page ({@link #words()}), never
 * the code.
 */
public class WordedFailure extends ExchangeFailure {

    private final String words;

    public WordedFailure(HttpStatus status, String code, String words, String detail) {
        super(status, code, detail);
        this.words = words;
    }

    /** What to tell a person, in Chinese. */
    public String words() {
        return words;
    }
}
