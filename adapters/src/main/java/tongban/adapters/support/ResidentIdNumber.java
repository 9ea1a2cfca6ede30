package tongban.adapters.support;

import java.util.regex.Pattern;

/**
 * 公民身份号码 — the 18-character resident identity number of GB 11643-1999: 17 digits and a check
 * character (0–9 or X) computed with ISO 7064 MOD 11-2. Checked before any department is called, so a
 * mistyped number is the caller's 400, not a department round trip.
 */
public final class ResidentIdNumber {

    private static final Pattern SHAPE = Pattern.compile("[1-9][0-9]{16}[0-9X]");
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = "10X98765432".toCharArray();

    private ResidentIdNumber() {
    }

    public static boolean isValid(String value) {
        if (value == null || !SHAPE.matcher(value).matches()) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < WEIGHTS.length; i++) {
            sum += (value.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11] == value.charAt(17);
    }

    /** Masks all but the region prefix and the last four characters: {@code 4601**********1230}. */
    public static String mask(String value) {
        if (value == null || value.length() < 8) {
            return "****";
        }
        return value.substring(0, 4) + "*".repeat(value.length() - 8) + value.substring(value.length() - 4);
    }
}
