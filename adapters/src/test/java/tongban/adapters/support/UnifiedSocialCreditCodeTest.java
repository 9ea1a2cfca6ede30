package tongban.adapters.support;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class UnifiedSocialCreditCodeTest {

    @ParameterizedTest
    @ValueSource(strings = {"91350100M000100Y43", "91460100MA5T12345C", "12460100MB0X12345C"})
    void validCodesPass(String code) {
        assertThat(UnifiedSocialCreditCode.isValid(code)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "91350100M000100Y44",   // wrong check character
            "91350100M000100Y4",    // too short
            "91350100M000100Y430",  // too long
            "9135010OM000100Y43",   // letter O inside the division
            "91460100MA5TSOV00G",   // S, O and V are not in the alphabet
            "91460100ma5t12345c",   // lower case
            ""})
    void invalidCodesFail(String code) {
        assertThat(UnifiedSocialCreditCode.isValid(code)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"91460100MA5T12345", "9146010000000000X"})
    void checkCharacterCompletesAValidCode(String first17) {
        assertThat(UnifiedSocialCreditCode.isValid(first17 + UnifiedSocialCreditCode.checkCharacter(first17))).isTrue();
    }
}
