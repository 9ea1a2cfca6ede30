package tongban.hub.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tongban.hub.support.HostileDepartment;
import tongban.hub.support.HubTestBase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A department at its worst — answers without end, answers that announce 100 MB, gzip bombs, answers that trickle in a
 * byte at a time, no answer at all, redirects elsewhere — and the hub still answering every caller by the department's
 * deadline, holding no more of any answer than the department's limit, following no redirect, and letting the
 * department take no more than its share, so that other departments answer as before.
 */
class HostileDepartmentsEndToEndTest extends HubTestBase {

    private static final HostileDepartment HOSTILE = start();
    private static final Path FOLDER = tempDir();

    private static HostileDepartment start() {
        try {
            return new HostileDepartment();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void hostile(DynamicPropertyRegistry registry) throws IOException {
        HostileDepartment.describe(FOLDER.resolve("departments"), "1s");
        registry.add("tongban.data-dir", () -> FOLDER.resolve("hub").toString());
        registry.add("tongban.adapters.descriptors-dir", () -> FOLDER.resolve("departments").toString());
        registry.add("tongban.departments.hostile.url", HOSTILE::baseUrl);
        registry.add(EXTRA_CLI_GRANT, () -> "hostile/*");
        // this test is about bounds, not the circuit: keep it closed however often the department fails
        registry.add("tongban.exchange.resilience.minimum-calls", () -> 1000);
        registry.add("tongban.exchange.resilience.sliding-window-calls", () -> 1000);
    }

    @AfterAll
    static void stop() {
        HOSTILE.close();
    }

    private ResponseEntity<String> hostile(String mode) {
        return call("zhangsan", "hostile/answer", "{\"mode\":\"" + mode + "\"}");
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    @Test
    void aGoodAnswerStillComesThrough() throws Exception {
        ResponseEntity<String> answer = hostile("ok");

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(read(answer).path("data").path("value").asText()).isEqualTo("fine");
    }

    @Test
    void anAnswerWithoutEndIsCutOffAtTheLimitWhileItIsRead() throws Exception {
        // 502 TOO_LARGE, not 504: cut off as it grew past 64 KB, long before the deadline would have ended it
        assertProblem(hostile("huge"), 502, "DEPARTMENT_ANSWER_TOO_LARGE");
    }

    @Test
    void anAnswerAnnouncingMoreThanTheLimitIsRefusedBeforeItIsRead() throws Exception {
        assertProblem(hostile("huge-declared"), 502, "DEPARTMENT_ANSWER_TOO_LARGE");
    }

    @Test
    void aCompressedAnswerCountsUnpacked() throws Exception {
        assertProblem(hostile("gzip-bomb"), 502, "DEPARTMENT_ANSWER_TOO_LARGE");
    }

    @Test
    void aTricklingAnswerEndsAtTheDeadlineNotAtTheLastByte() throws Exception {
        long started = System.nanoTime();

        assertProblem(hostile("trickle"), 504, "DEPARTMENT_TIMEOUT");
        assertThat(millisSince(started)).as("one deadline for the whole call (1 s)").isBetween(900L, 2500L);
    }

    @Test
    void noAnswerAtAllEndsAtTheDeadline() throws Exception {
        long started = System.nanoTime();

        assertProblem(hostile("hang"), 504, "DEPARTMENT_TIMEOUT");
        assertThat(millisSince(started)).isBetween(900L, 2500L);
    }

    @Test
    void aRedirectIsNeverFollowed() throws Exception {
        assertProblem(hostile("redirect"), 502, "DEPARTMENT_ERROR");
        assertThat(HOSTILE.redirectedVisits()).as("the address the department pointed at").isZero();
    }

    @Test
    void aHangingDepartmentTakesItsShareAndNoMore() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(10);
        try {
            String identity = "{\"name\":\"张三\",\"idNumber\":\"460100199001011230\"}";
            // the other department's client built before the hang (a once-only cost that is not what is looked at)
            assertThat(call("zhangsan", "public-security/identity-verification", identity).getStatusCode().value())
                    .isEqualTo(200);
            int before = HOSTILE.calls();
            List<Future<ResponseEntity<String>>> hanging = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                hanging.add(callers.submit(() -> hostile("hang")));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> HOSTILE.calls() > before);
            // meanwhile another department answers as it always does: while the hanging calls still wait for their
            // deadline, not after it — an order, whatever the machine's speed
            ResponseEntity<String> other = call("zhangsan", "public-security/identity-verification", identity);
            assertThat(other.getStatusCode().value()).isEqualTo(200);
            assertThat(hanging.stream().filter(call -> !call.isDone()).count())
                    .as("answered while the hanging department's calls were still waiting").isPositive();

            int busy = 0;
            int timedOut = 0;
            for (Future<ResponseEntity<String>> call : hanging) {
                ResponseEntity<String> answer = call.get();
                JsonNode problem = read(answer);
                if ("DEPARTMENT_BUSY".equals(problem.path("code").asText())) {
                    busy++;
                    assertThat(answer.getStatusCode().value()).isEqualTo(503);
                    assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("1");
                } else {
                    timedOut++;
                    assertThat(problem.path("code").asText()).isEqualTo("DEPARTMENT_TIMEOUT");
                }
            }
            assertThat(timedOut).as("the department's share: 4 calls at once").isLessThanOrEqualTo(4);
            assertThat(busy).as("the rest refused at once").isGreaterThanOrEqualTo(6);
        } finally {
            callers.shutdownNow();
        }
    }
}
