package tongban.hub.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * {@code X-Tongban-Identity} — who the hub vouches for, for one legacy portal: a compact JWS (HS256 with that
 * portal's own key) with issuer {@code tongban-hub}, the portal as audience, a lifetime of a minute and the person's
 * name, id number and real-name level. A header of that name arriving from outside is never passed on.
 */
final class IdentityHeader {

    static final String NAME = "X-Tongban-Identity";
    static final String ISSUER = "tongban-hub";

    private IdentityHeader() {
    }

    static String sign(OidcUser user, GatewayProperties.Portal portal, Duration ttl) {
        Instant now = Instant.now();
        String family = user.getFamilyName();
        String given = user.getGivenName();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(portal.audience())
                .subject(user.getSubject())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .claim("preferred_username", user.getPreferredUsername())
                .claim("name", family != null && given != null ? family + given : user.getPreferredUsername())
                .claim("id_number", user.getClaimAsString("id_number"))
                .claim("real_name_level", user.getClaims().get("real_name_level"))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new MACSigner(portal.secret().getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException("the gateway secret for " + portal.audience() + " must be at least 32 bytes", e);
        }
        return jwt.serialize();
    }
}
