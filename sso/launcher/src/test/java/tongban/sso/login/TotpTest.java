package tongban.sso.login;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TotpTest {

    /** RFC 6238 appendix B, SHA-1 column (the RFC's codes have eight digits; ours are their last six). */
    @Test
    void matchesTheRfcTestVectors() {
        String seed = "12345678901234567890";
        assertThat(Totp.code(seed, Instant.ofEpochSecond(59))).isEqualTo("287082");
        assertThat(Totp.code(seed, Instant.ofEpochSecond(1111111109))).isEqualTo("081804");
        assertThat(Totp.code(seed, Instant.ofEpochSecond(1234567890))).isEqualTo("005924");
        assertThat(Totp.code(seed, Instant.ofEpochSecond(2000000000))).isEqualTo("279037");
    }

    @Test
    void aCodeHoldsForOneThirtySecondStep() {
        String seed = "12345678901234567890";
        assertThat(Totp.code(seed, Instant.ofEpochSecond(60))).isEqualTo(Totp.code(seed, Instant.ofEpochSecond(89)));
        assertThat(Totp.code(seed, Instant.ofEpochSecond(90))).isNotEqualTo(Totp.code(seed, Instant.ofEpochSecond(89)));
    }

    @Test
    void base32IsWhatAuthenticatorAppsRead() {
        assertThat(Totp.base32("12345678901234567890")).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assertThat(Totp.base32("f")).isEqualTo("MY");
    }
}
