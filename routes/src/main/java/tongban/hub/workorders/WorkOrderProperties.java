package tongban.hub.workorders;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Work orders ({@code tongban.work-orders.*}).
 *
 * @param respondWithin     how long a department has to acknowledge an order and name its handler (the 12345 rule: 30 min)
 * @param escalateBefore    an order still unanswered this long before its response deadline is escalated (督办)
 * @param hotlineDays       the working days to finish a hotline order in, when the hotline does not say
 * @param callBackDays      a bad rating's follow-up: working days to call the applicant back in
 * @param rectifyDays       a bad rating's follow-up: working days to rectify and reply in
 * @param watchEvery        how often the deadlines are looked at
 * @param hotline           the hotline's department on the exchange (its notices create orders; outcomes go back to it)
 * @param outcomeService    the hotline's service that takes an order's outcome
 * @param intakeService     the service name a department's work-order intake has, where it has one (else it fetches
 *                          its orders from {@code GET /api/v1/work-orders})
 */
@ConfigurationProperties("tongban.work-orders")
public record WorkOrderProperties(@DefaultValue("30m") Duration respondWithin,
                                  @DefaultValue("10m") Duration escalateBefore,
                                  @DefaultValue("5") int hotlineDays,
                                  @DefaultValue("1") int callBackDays,
                                  @DefaultValue("15") int rectifyDays,
                                  @DefaultValue("10s") Duration watchEvery,
                                  @DefaultValue("hotline-12345") String hotline,
                                  @DefaultValue("work-order-outcome") String outcomeService,
                                  @DefaultValue("work-order") String intakeService) {
}
