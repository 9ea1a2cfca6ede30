package tongban.hub.cases;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Cases ({@code tongban.cases.*}).
 *
 * @param location         where the item and bundle files are ({@code <location>/items/*.yaml}, {@code /bundles/*.yaml})
 * @param onlineWindow     the window that handles cases applied for online (staff whose {@code service_window} is
 *                         this see and handle them)
 * @param platformClient   the client id the platform's own exchange calls are made and logged under; it needs access
 *                         rights to the intakes, the item library's detail and the shared materials
 * @param dispatchInterval how often parts waiting to go out, or to be heard of, are looked at
 * @param itemLimitsFor    how long an item's promised limit read from the item library is used before it is read again
 * @param carrier          the department on the exchange that posts results (审批结果邮寄): its {@code create-shipment}
 *                         service takes the orders, its {@code tracking} callback tells each step
 */
@ConfigurationProperties("tongban.cases")
public record CasesProperties(@DefaultValue("classpath*:cases") String location,
                              @DefaultValue("hk-zwzx-zhck") String onlineWindow,
                              @DefaultValue("tongban-hub") String platformClient,
                              @DefaultValue("1s") Duration dispatchInterval,
                              @DefaultValue("10m") Duration itemLimitsFor,
                              @DefaultValue("postal") String carrier) {
}
