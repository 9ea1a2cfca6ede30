package tongban.hub.exchange;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.Map;

/**
 * How the hub protects departments and itself ({@code tongban.exchange.resilience.*}).
 *
 * @param failureRatePercent  a department's circuit opens when this share of recent calls failed (default 50)
 * @param slidingWindowCalls  how many recent calls the failure rate is taken over (default 20)
 * @param minimumCalls        calls needed before the rate counts (default 10)
 * @param openFor             how long an open circuit refuses calls before trying again (default 30 s)
 * @param halfOpenCalls       trial calls let through when trying again (default 3)
 * @param defaultRatePerSecond calls per second a client may make when not listed in {@code ratePerSecond} (default 200)
 * @param ratePerSecond       client id → calls per second
 */
@ConfigurationProperties("tongban.exchange.resilience")
public record ResilienceProperties(@DefaultValue("50") float failureRatePercent,
                                   @DefaultValue("20") int slidingWindowCalls,
                                   @DefaultValue("10") int minimumCalls,
                                   @DefaultValue("30s") Duration openFor,
                                   @DefaultValue("3") int halfOpenCalls,
                                   @DefaultValue("200") int defaultRatePerSecond,
                                   Map<String, Integer> ratePerSecond) {

    public ResilienceProperties {
        ratePerSecond = ratePerSecond == null ? Map.of() : Map.copyOf(ratePerSecond);
    }
}
