package tongban.hub.sends;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The platform's own sends ({@code tongban.sends.*}).
 *
 * @param client the client id they are submitted and logged under (it needs the access rights to what it sends)
 * @param every  how often sends still to be queued are looked at
 */
@ConfigurationProperties("tongban.sends")
public record SendsProperties(@DefaultValue("tongban-hub") String client,
                              @DefaultValue("1s") Duration every) {
}
