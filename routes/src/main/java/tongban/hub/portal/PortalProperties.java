package tongban.hub.portal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * The citizen portal ({@code tongban.portal.*}).
 *
 * @param clientId          its Keycloak client (code flow + PKCE S256)
 * @param clientSecret      that client's secret; the default is the DEMO secret of the local realm only
 * @param departmentPortals the department portals it links to (each signs the citizen in through the same
 *                          Keycloak session: no second password)
 */
@ConfigurationProperties("tongban.portal")
public record PortalProperties(@DefaultValue("tongban-portal") String clientId,
                               @DefaultValue("demo-portal-secret-not-for-production") String clientSecret,
                               List<Link> departmentPortals) {

    public PortalProperties {
        departmentPortals = departmentPortals == null ? List.of() : List.copyOf(departmentPortals);
    }

    /** A link on the portal's home page. */
    public record Link(String name, String url) {
    }
}
