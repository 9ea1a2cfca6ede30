package tongban.hub.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock deadlines are read on (work orders, ratings), which a test sets to the moment it needs — a Wednesday
 * before National Day, the minute before an order's response deadline — instead of waiting for it. Runs with the
 * system clock until a test sets it; {@link #reset()} after each test that does.
 */
public final class MovableClock extends Clock {

    private volatile Instant fixed;

    /** Stands still at this Beijing time until set again. */
    public void setBeijing(String localDateTime) {
        fixed = LocalDateTime.parse(localDateTime).atOffset(ZoneOffset.ofHours(8)).toInstant();
    }

    public void reset() {
        fixed = null;
    }

    @Override
    public Instant instant() {
        Instant at = fixed;
        return at != null ? at : Instant.now();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the hub reads instants only");
    }

    /** Puts the movable clock in every test context in place of the system clock. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class InContext {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }
}
