package tongban.sso.login;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;

/**
 * RFC 6238 time-based one-time codes as the realm's OTP policy checks them: HMAC-SHA1, six digits, 30-second steps.
 * Keycloak keys the HMAC with the stored secret's UTF-8 bytes; an authenticator app gets the same bytes in Base32
 * ({@link #base32(String)}).
 */
public final class Totp {

    public static final int PERIOD_SECONDS = 30;

    private Totp() {
    }

    /** The code for the 30-second step that contains {@code at}. */
    public static String code(String secret, Instant at) {
        return codeForStep(secret, step(at));
    }

    public static long step(Instant at) {
        return at.getEpochSecond() / PERIOD_SECONDS;
    }

    public static String codeForStep(String secret, long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format("%06d", binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
    }

    /** The secret as an authenticator app takes it (RFC 4648 Base32, no padding). */
    public static String base32(String secret) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : secret.getBytes(StandardCharsets.UTF_8)) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(alphabet.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }
}
