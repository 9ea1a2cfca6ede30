package tongban.hub.ratings;

import java.util.Arrays;
import java.util.Optional;

/** The scheme's five levels (好差评): the first three are good ratings, the last two bad ones. */
public enum RatingLevel {
    VERY_SATISFIED(5, "非常满意"),
    SATISFIED(4, "满意"),
    BASICALLY_SATISFIED(3, "基本满意"),
    DISSATISFIED(2, "不满意"),
    VERY_DISSATISFIED(1, "非常不满意");

    private final int value;
    private final String words;

    RatingLevel(int value, String words) {
        this.value = value;
        this.words = words;
    }

    public int value() {
        return value;
    }

    public String words() {
        return words;
    }

    public boolean isBad() {
        return value <= 2;
    }

    public static Optional<RatingLevel> of(int value) {
        return Arrays.stream(values()).filter(l -> l.value == value).findFirst();
    }
}
