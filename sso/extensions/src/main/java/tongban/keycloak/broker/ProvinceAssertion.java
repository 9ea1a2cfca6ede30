package tongban.keycloak.broker;

import org.keycloak.broker.oidc.OIDCIdentityProvider;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.jose.jws.JWSInput;
import org.keycloak.jose.jws.JWSInputException;
import org.keycloak.representations.JsonWebToken;
import tongban.adapters.support.ResidentIdNumber;
import tongban.adapters.support.UnifiedSocialCreditCode;

import java.util.Map;
import java.util.Set;

/**
 * What the provincial identity platform (省统一身份认证平台) asserted about the person in this sign-in, read from its
 * ID token — whose signature (the province's JWKS), issuer, audience and expiry Keycloak checked before any of this
 * runs — in the province's own claim names:
 * {@code certName} 姓名, {@code certNo} 证件号码, {@code mobile}, {@code authLevel} (实名认证等级 {@code L2}…{@code L4}),
 * {@code userType} ({@code 1} 个人, {@code 2} 法人 — the legal-person login) and for a legal-person login
 * {@code corpName}, {@code creditCode} and {@code corpRole} (法定代表人 / 经办人).
 *
 * @param level       2–4 as asserted, 0 when the province asserted none we know (never more than it said)
 * @param legalPerson the enterprise this login acts for, or null (a personal login, or a credit code that fails GB 32100)
 */
public record ProvinceAssertion(String subject, String name, String idNumber, String mobile, int level,
                                LegalPerson legalPerson) {

    /** 法人登录: the enterprise by unified social credit code, its name, and the handler's authority in it. */
    public record LegalPerson(String creditCode, String name, String authority) {
    }

    /**
     * The validated ID token is kept in the broker's context as the token itself or, once the context has travelled
     * between requests of the flow, as its compact form (Keycloak's own claim mappers read it the same way).
     */
    public static ProvinceAssertion of(BrokeredIdentityContext context) {
        Object token = context.getContextData().get(OIDCIdentityProvider.VALIDATED_ID_TOKEN);
        JsonWebToken idToken;
        if (token instanceof JsonWebToken validated) {
            idToken = validated;
        } else if (token instanceof String compact) {
            try {
                idToken = new JWSInput(compact).readJsonContent(JsonWebToken.class);
            } catch (JWSInputException e) {
                throw new IllegalStateException("the province's ID token cannot be read", e);
            }
        } else {
            throw new IllegalStateException("the province's sign-in carried no validated ID token");
        }
        return of(idToken.getSubject(), idToken.getOtherClaims());
    }

    static ProvinceAssertion of(String subject, Map<String, Object> claims) {
        String idNumber = text(claims, "certNo");
        String creditCode = text(claims, "creditCode");
        LegalPerson legalPerson = "2".equals(text(claims, "userType")) && UnifiedSocialCreditCode.isValid(creditCode)
                ? new LegalPerson(creditCode, text(claims, "corpName"), text(claims, "corpRole"))
                : null;
        return new ProvinceAssertion(subject, text(claims, "certName"),
                idNumber == null ? null : idNumber.toUpperCase(), text(claims, "mobile"),
                level(text(claims, "authLevel")), legalPerson);
    }

    /** {@code L3} or {@code 3} → 3; anything else (L1, L5, "high") → 0: a level we do not know proves nothing. */
    static int level(String asserted) {
        if (asserted == null) {
            return 0;
        }
        String digits = asserted.strip().toUpperCase().replaceFirst("^L", "");
        return digits.matches("[2-4]") ? Integer.parseInt(digits) : 0;
    }

    public boolean hasValidIdNumber() {
        return ResidentIdNumber.isValid(idNumber);
    }

    /** Family name first, as Chinese names are read; the two-character family names the registers hold most. */
    public String familyName() {
        return name == null || name.isEmpty() ? null : name.substring(0, familyNameLength(name));
    }

    public String givenName() {
        return name == null || name.isEmpty() ? null : name.substring(familyNameLength(name));
    }

    private static final Set<String> COMPOUND_FAMILY_NAMES = Set.of("欧阳", "司马", "上官", "诸葛",
            "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "轩辕", "令狐", "端木", "独孤", "南宫");

    private static int familyNameLength(String name) {
        return name.length() > 2 && COMPOUND_FAMILY_NAMES.contains(name.substring(0, 2)) ? 2 : 1;
    }

    private static String text(Map<String, Object> claims, String name) {
        Object value = claims.get(name);
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }
}
