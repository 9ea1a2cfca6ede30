package tongban.hub.web;

import org.springframework.security.oauth2.jwt.Jwt;

/** A person's name from their access token, as Chinese names are written: family name first (张 + 三). */
public final class PersonNames {

    private PersonNames() {
    }

    public static String of(Jwt jwt) {
        String family = jwt.getClaimAsString("family_name");
        String given = jwt.getClaimAsString("given_name");
        if (family != null && given != null) {
            return family + given;
        }
        String name = jwt.getClaimAsString("name");
        return name != null && !name.isBlank() ? name : jwt.getClaimAsString("preferred_username");
    }
}
