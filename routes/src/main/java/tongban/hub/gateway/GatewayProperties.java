package tongban.hub.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.Map;

/**
 * The legacy-portal gateway ({@code tongban.gateway.*}).
 *
 * @param portals        department → the legacy portal behind {@code /portals/<department>/}
 * @param identityTtl    how long an identity header stays valid (default 60 s): long enough for one request
 */
@ConfigurationProperties("tongban.gateway")
public record GatewayProperties(Map<String, Portal> portals, Duration identityTtl) {

    public GatewayProperties {
        portals = portals == null ? Map.of() : Map.copyOf(portals);
        identityTtl = identityTtl == null ? Duration.ofSeconds(60) : identityTtl;
    }

    /**
     * @param url      where the legacy portal listens (reachable from the hub only)
     * @param audience the name the portal checks the header's {@code aud} against
     * @param secret   the HS256 key it shares with the hub (one per portal, never shown to a browser)
     */
    public record Portal(String url, String audience, String secret) {
    }
}
