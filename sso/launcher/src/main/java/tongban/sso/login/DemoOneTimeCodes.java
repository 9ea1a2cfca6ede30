package tongban.sso.login;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * DEMO ONLY: the one-time-code secrets of the demo accounts ({@code sso/realm/demo}), so that {@code ./tongban otp}
 * can show the current code (standing in for the citizen's phone) and tests can step up. Never in the production
 * realm.
 *
 * <p>Keycloak takes each code once ({@code otpPolicyCodeReusable: false}); {@link #fresh(String)} therefore waits
 * for the next 30-second step when this JVM has already used the current one.
 */
public final class DemoOneTimeCodes {

    private static final Map<String, String> SECRETS = Map.of("zhangsan", "DEMO-ONLY-zhangsan-otp-secret");
    private static final Map<String, Long> LAST_USED_STEP = new ConcurrentHashMap<>();

    private DemoOneTimeCodes() {
    }

    public static String secretOf(String username) {
        String secret = SECRETS.get(username);
        if (secret == null) {
            throw new IllegalArgumentException(username + " has no one-time-code device in the demo realm");
        }
        return secret;
    }

    /** The current code (may already have been used). */
    public static String current(String username) {
        return Totp.code(secretOf(username), Instant.now());
    }

    /** A code this JVM has not handed out before, waiting up to 30 s for the next step when it must. */
    public static synchronized String fresh(String username) {
        String secret = secretOf(username);
        long step = Totp.step(Instant.now());
        Long used = LAST_USED_STEP.get(username);
        while (used != null && step <= used) {
            try {
                Thread.sleep(Math.max(50, (used + 1) * Totp.PERIOD_SECONDS * 1000 - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the next one-time code", e);
            }
            step = Totp.step(Instant.now());
        }
        LAST_USED_STEP.put(username, step);
        return Totp.codeForStep(secret, step);
    }

    /** {@code ./tongban otp [user]}: the code to type now, and the Base32 secret for an authenticator app. */
    public static void main(String[] args) {
        String user = args.length > 0 ? args[0] : "zhangsan";
        if (!SECRETS.containsKey(user)) {
            System.err.println(user + " has no one-time-code device in the demo realm (only " + SECRETS.keySet() + ")");
            System.exit(2);
        }
        long secondsLeft = Totp.PERIOD_SECONDS - Instant.now().getEpochSecond() % Totp.PERIOD_SECONDS;
        System.out.printf("%s  (one-time code of demo user %s, valid %d s more; authenticator app secret %s)%n",
                current(user), user, secondsLeft, Totp.base32(secretOf(user)));
    }
}
