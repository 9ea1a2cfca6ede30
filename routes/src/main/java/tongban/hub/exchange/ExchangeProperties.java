package tongban.hub.exchange;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Settings of the exchange API ({@code tongban.exchange.*}).
 *
 * @param accessRights    client id ({@code azp}) → services it may call, replacing that client's rights file for
 *                        one environment (see {@link AccessRights}); a client granted nowhere may call nothing
 * @param accessRightsLocations where the rights files are, one per client (default
 *                        {@code classpath:access-rights/*.yaml}; the embedded default adds the demo clients')
 * @param maxRequestBytes largest request body accepted (default 64 KiB); larger is a 400
 * @param logWaitTimeout  how long a call waits for its message-log entry to be committed (default 5 s)
 */
@ConfigurationProperties("tongban.exchange")
public record ExchangeProperties(Map<String, List<String>> accessRights,
                                 @DefaultValue("classpath:access-rights/*.yaml") List<String> accessRightsLocations,
                                 @DefaultValue("65536") int maxRequestBytes,
                                 @DefaultValue("5s") Duration logWaitTimeout) {

    public ExchangeProperties {
        accessRights = accessRights == null ? Map.of() : Map.copyOf(accessRights);
        accessRightsLocations = accessRightsLocations == null ? List.of() : List.copyOf(accessRightsLocations);
    }
}
