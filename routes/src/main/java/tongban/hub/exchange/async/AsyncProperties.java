package tongban.hub.exchange.async;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The asynchronous exchange ({@code tongban.exchange.async.*}).
 *
 * @param maxAttempts         attempts at a department that answers with errors before the submission goes to its
 *                            dead-letter queue (also the broker's limit of deliveries that end without an outcome)
 * @param redeliveryDelay     wait before the second attempt; each further wait is {@code redeliveryMultiplier}
 *                            times longer, up to {@code maxRedeliveryDelay}
 * @param maxAge              how long a submission waits for a department that is down before it goes to the dead
 *                            letters (default 72 h; per department: {@code tongban.departments.<d>.max-submission-age})
 * @param consumers           concurrent consumers per department queue
 * @param outboxSweepAfter    a stored submission whose message is not known to be queued this long is sent again
 *                            (the broker's duplicate detection drops it if it was queued after all)
 */
@ConfigurationProperties("tongban.exchange.async")
public record AsyncProperties(@DefaultValue("5") int maxAttempts,
                              @DefaultValue("2s") Duration redeliveryDelay,
                              @DefaultValue("2.0") double redeliveryMultiplier,
                              @DefaultValue("5m") Duration maxRedeliveryDelay,
                              @DefaultValue("4") int consumers,
                              @DefaultValue("10s") Duration outboxSweepAfter,
                              @DefaultValue("72h") Duration maxAge) {
}
