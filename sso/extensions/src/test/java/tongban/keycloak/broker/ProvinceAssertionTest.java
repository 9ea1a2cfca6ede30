package tongban.keycloak.broker;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The province's claims, in its own names, read as Tongban's facts — and never read as more than they say. */
class ProvinceAssertionTest {

    private static Map<String, Object> personal(String level) {
        Map<String, Object> claims = new HashMap<>(Map.of("certName", "王芳", "certNo", "460100198808081235",
                "mobile", "13800000001", "userType", "1"));
        if (level != null) {
            claims.put("authLevel", level);
        }
        return claims;
    }

    @Test
    void theAssertedLevelIsTakenAsWrittenAndAnUnknownLevelProvesNothing() {
        assertThat(ProvinceAssertion.of("s", personal("L3")).level()).isEqualTo(3);
        assertThat(ProvinceAssertion.of("s", personal("4")).level()).isEqualTo(4);
        assertThat(ProvinceAssertion.of("s", personal("L2")).level()).isEqualTo(2);
        assertThat(ProvinceAssertion.of("s", personal("L1")).level()).as("below the scale").isZero();
        assertThat(ProvinceAssertion.of("s", personal("L5")).level()).as("above the scale: not rounded down to 4").isZero();
        assertThat(ProvinceAssertion.of("s", personal("high")).level()).isZero();
        assertThat(ProvinceAssertion.of("s", personal(null)).level()).isZero();
    }

    @Test
    void anIdNumberIsValidOnlyWithItsCheckDigit() {
        assertThat(ProvinceAssertion.of("s", personal("L3")).hasValidIdNumber()).isTrue();
        Map<String, Object> wrong = personal("L3");
        wrong.put("certNo", "460100198808081236");
        assertThat(ProvinceAssertion.of("s", wrong).hasValidIdNumber()).isFalse();
        Map<String, Object> lowerX = personal("L3");
        lowerX.put("certNo", "11010519491231002x"); // a check character X written in lower case
        assertThat(ProvinceAssertion.of("s", lowerX).idNumber()).isEqualTo("11010519491231002X");
        assertThat(ProvinceAssertion.of("s", lowerX).hasValidIdNumber()).isTrue();
    }

    @Test
    void aLegalPersonLoginNamesTheEnterpriseOnlyWithAValidCreditCode() {
        Map<String, Object> claims = personal("L3");
        claims.putAll(Map.of("userType", "2", "corpName", "海南南海渔业科技有限公司", "creditCode", "91460100MA5T678909",
                "corpRole", "法定代表人"));
        assertThat(ProvinceAssertion.of("s", claims).legalPerson())
                .isEqualTo(new ProvinceAssertion.LegalPerson("91460100MA5T678909", "海南南海渔业科技有限公司", "法定代表人"));

        claims.put("creditCode", "91460100MA5T678908"); // check character wrong (GB 32100)
        assertThat(ProvinceAssertion.of("s", claims).legalPerson()).isNull();

        claims.put("creditCode", "91460100MA5T678909");
        claims.put("userType", "1"); // a personal login carrying enterprise claims acts for nobody
        assertThat(ProvinceAssertion.of("s", claims).legalPerson()).isNull();
    }

    @Test
    void chineseNamesAreSplitFamilyNameFirst() {
        assertThat(ProvinceAssertion.of("s", personal("L3")).familyName()).isEqualTo("王");
        assertThat(ProvinceAssertion.of("s", personal("L3")).givenName()).isEqualTo("芳");
        Map<String, Object> compound = personal("L3");
        compound.put("certName", "欧阳娜娜");
        assertThat(ProvinceAssertion.of("s", compound).familyName()).isEqualTo("欧阳");
        assertThat(ProvinceAssertion.of("s", compound).givenName()).isEqualTo("娜娜");
        compound.put("certName", "欧阳"); // a one-character family name 欧 and given name 阳
        assertThat(ProvinceAssertion.of("s", compound).familyName()).isEqualTo("欧");
    }
}
