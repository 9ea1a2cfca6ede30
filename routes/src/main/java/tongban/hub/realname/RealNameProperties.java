package tongban.hub.realname;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Raising a person's real-name level to 3 once public security confirmed their name and id number.
 *
 * @param clientId       the client the check is made and logged under on the exchange, and whose service account
 *                       writes the level into Keycloak (realm-management view-users and manage-users)
 * @param clientSecret   its secret (a demo one in application.yml; production sets TONGBAN_REAL_NAME_CLIENT_SECRET)
 * @param attemptsPerDay checks a person may ask for in 24 hours (a mismatch, or a number the register does not know,
 *                       counts; a department that could not answer does not)
 */
@ConfigurationProperties("tongban.real-name")
public record RealNameProperties(@DefaultValue("tongban-accounts") String clientId, String clientSecret,
                                 @DefaultValue("3") int attemptsPerDay) {
}
