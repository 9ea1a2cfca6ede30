package tongban.adapters.support;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * How much of the hub one department may take, per call and at once — every department call is bounded:
 *
 * @param connectTimeout     how long connecting may take
 * @param deadline           how long the whole call may take, every byte of the answer included
 * @param maxAnswerBytes     the largest answer read (a larger one is refused while it is read, compressed or not)
 * @param maxConcurrentCalls the department's share of the hub: calls in flight at once, beyond which callers are
 *                           refused at once (503 with Retry-After) rather than left to queue behind a slow department
 */
public record CallLimits(Duration connectTimeout, Duration deadline, long maxAnswerBytes, int maxConcurrentCalls) {

    public static final long DEFAULT_MAX_ANSWER_BYTES = 2L * 1024 * 1024;
    public static final int DEFAULT_MAX_CONCURRENT_CALLS = 32;

    public static CallLimits defaults(Duration deadline) {
        return new CallLimits(Duration.ofSeconds(2), deadline, DEFAULT_MAX_ANSWER_BYTES, DEFAULT_MAX_CONCURRENT_CALLS);
    }

    public CallLimits withMaxAnswerBytes(long bytes) {
        return new CallLimits(connectTimeout, deadline, bytes, maxConcurrentCalls);
    }

    /**
     * These limits as this environment overrides them ({@link DepartmentSettings}: {@code timeout-ms},
     * {@code connect-timeout-ms}, {@code max-answer-bytes}, {@code max-concurrent-calls}).
     */
    public CallLimits in(Function<String, Optional<String>> properties, String department) {
        return new CallLimits(
                properties.apply(DepartmentSettings.of(department, "connect-timeout-ms")).map(Long::parseLong)
                        .map(Duration::ofMillis).orElse(connectTimeout),
                properties.apply(DepartmentSettings.of(department, "timeout-ms")).map(Long::parseLong)
                        .map(Duration::ofMillis).orElse(deadline),
                properties.apply(DepartmentSettings.of(department, "max-answer-bytes")).map(Long::parseLong)
                        .orElse(maxAnswerBytes),
                properties.apply(DepartmentSettings.of(department, "max-concurrent-calls")).map(Integer::parseInt)
                        .orElse(maxConcurrentCalls));
    }
}
