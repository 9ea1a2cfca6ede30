package tongban.sso.identity;

import org.springframework.security.oauth2.jwt.Jwt;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who is calling the exchange, read from a validated access token: the person (subject), the client
 * application acting for them ({@code azp}), their resident id number and real-name level, and their roles.
 *
 * @param idNumber     公民身份号码 from the {@code id_number} claim, or {@code null} (staff, services)
 * @param realNameLevel how well the person's identity has been verified (the account's {@code real_name_level})
 * @param signInLevel  the level this sign-in reached, from the token's {@code acr} (OIDC authentication context
 *                     class): 2 for the password, 3 with the one-time code; 0 when Keycloak ran no level flow
 *                     (password grant, client credentials)
 * @param actingFor  the legal person an enterprise handler (经办人) acts for, from the {@code acting_for} claim, or null
 * @param serviceWindow the service window (窗口) a staff member works at, from the {@code service_window} claim, or
 *                      null: whose cases they may handle
 */
public record Caller(String subject, String username, String clientId, String idNumber,
                     RealNameLevel realNameLevel, int signInLevel, Set<String> roles,
                     LegalPerson actingFor, String serviceWindow) {

    /** 法人 — an enterprise, by unified social credit code and name. */
    public record LegalPerson(String creditCode, String name) {
    }

    public static final String ENTERPRISE_HANDLER = "enterprise-handler";

    public static final String CITIZEN = "citizen";
    public static final String STAFF = "staff";
    public static final String OPS = "ops";
    /** 政务服务管理局: reads the platform's statistics, nothing else. */
    public static final String BUREAU = "bureau";

    public static Caller from(Jwt jwt) {
        return new Caller(jwt.getSubject(), jwt.getClaimAsString("preferred_username"),
                jwt.getClaimAsString("azp"), jwt.getClaimAsString("id_number"),
                RealNameLevel.of(jwt.getClaims().get("real_name_level")), signInLevel(jwt.getClaimAsString("acr")),
                realmRoles(jwt), actingFor(jwt), realmRoles(jwt).contains(STAFF)
                        ? jwt.getClaimAsString("service_window") : null);
    }

    /** Keycloak's {@code acr} for the level flows is the level's number ("2", "3"); anything else counts as none. */
    static int signInLevel(String acr) {
        return acr != null && acr.matches("[2-4]") ? Integer.parseInt(acr) : 0;
    }

    /** Only a handler's token is read as acting for someone; the claim alone proves nothing. */
    private static LegalPerson actingFor(Jwt jwt) {
        if (!realmRoles(jwt).contains(ENTERPRISE_HANDLER)
                || !(jwt.getClaims().get("acting_for") instanceof Map<?, ?> acting)
                || !(acting.get("uscc") instanceof String code)) {
            return null;
        }
        return new LegalPerson(code, acting.get("name") instanceof String name ? name : null);
    }

    public boolean isCitizen() {
        return roles.contains(CITIZEN);
    }

    public boolean isStaff() {
        return roles.contains(STAFF);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    private static Set<String> realmRoles(Jwt jwt) {
        Object realmAccess = jwt.getClaims().get("realm_access");
        if (realmAccess instanceof Map<?, ?> map && map.get("roles") instanceof Collection<?> roles) {
            return Set.copyOf(roles.stream().map(Object::toString).toList());
        }
        return Set.of();
    }

    /** Spring authorities for the realm roles, as {@code ROLE_<name>}. */
    public List<String> authorities() {
        return roles.stream().map(r -> "ROLE_" + r).toList();
    }
}
