package tongban.adapters.support;

/**
 * 统一社会信用代码 — the 18-character unified social credit code of GB 32100-2015 that every enterprise,
 * public institution and social organisation carries: registration authority (1), organisation type (1),
 * administrative division (6 digits), organisation code (9) and a check character over the first 17,
 * weighted 3^i mod 31 in an alphabet without I, O, S, V and Z. Checked before any department is called.
 */
public final class UnifiedSocialCreditCode {

    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private UnifiedSocialCreditCode() {
    }

    public static boolean isValid(String value) {
        if (value == null || value.length() != 18) {
            return false;
        }
        for (int i = 2; i < 8; i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return false; // the administrative division is six digits
            }
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int digit = ALPHABET.indexOf(value.charAt(i));
            if (digit < 0) {
                return false;
            }
            sum += digit * WEIGHTS[i];
        }
        int check = ALPHABET.indexOf(value.charAt(17));
        return check >= 0 && check == (31 - sum % 31) % 31;
    }

    /** The check character for the first 17 characters (for building test data and fixtures). */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        return ALPHABET.charAt((31 - sum % 31) % 31);
    }
}
