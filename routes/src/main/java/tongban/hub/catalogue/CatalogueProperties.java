package tongban.hub.catalogue;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Catalogue sync ({@code tongban.catalogue.*}).
 *
 * @param syncCron          when the scheduled sync runs (default 02:30 every night); "-" turns it off
 * @param pageSize          rows asked for per page of the item library's list
 * @param maxPages          a safety stop for a library whose paging never ends
 * @param maxRemovalPercent a run that would remove more than this share of the catalogue is refused, not applied:
 *                          an empty or truncated answer from the library must not empty the hub's copy
 */
@ConfigurationProperties("tongban.catalogue")
public record CatalogueProperties(@DefaultValue("0 30 2 * * *") String syncCron,
                                  @DefaultValue("100") int pageSize,
                                  @DefaultValue("1000") int maxPages,
                                  @DefaultValue("50") int maxRemovalPercent) {
}
