package tongban.adapters.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DepartmentHttpTest {

    private static final WireMockServer DEPARTMENT = new WireMockServer(options().dynamicPort());

    @BeforeAll
    static void start() {
        DEPARTMENT.start();
        DEPARTMENT.stubFor(get(urlEqualTo("/quick")).willReturn(aResponse().withStatus(200).withBody("{\"code\":0}")));
        DEPARTMENT.stubFor(get(urlEqualTo("/slow")).willReturn(aResponse().withStatus(200).withBody("{}")
                .withFixedDelay(3_000)));
    }

    @AfterAll
    static void stop() {
        DEPARTMENT.stop();
    }

    @Test
    void a_call_answered_in_time_takes_its_deadline_with_it() throws Exception {
        try (DepartmentHttp http = new DepartmentHttp("test", CallLimits.defaults(Duration.ofSeconds(30)))) {
            int before = DepartmentHttp.pendingDeadlines();
            for (int i = 0; i < 200; i++) {
                DepartmentHttp.Answer answer = http.exchange("GET", URI.create(DEPARTMENT.baseUrl() + "/quick"),
                        Map.of(), null);
                assertThat(answer.status()).isEqualTo(200);
            }
            // 200 deadlines of 30 s would all still be queued if a finished call left its own behind
            assertThat(DepartmentHttp.pendingDeadlines()).isLessThanOrEqualTo(before);
        }
    }

    @Test
    void a_call_past_its_deadline_is_cut_off_as_a_timeout() throws Exception {
        try (DepartmentHttp http = new DepartmentHttp("test", CallLimits.defaults(Duration.ofMillis(300)))) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> http.exchange("GET", URI.create(DEPARTMENT.baseUrl() + "/slow"), Map.of(), null))
                    .isInstanceOfSatisfying(DepartmentException.class,
                            e -> assertThat(e.kind()).isEqualTo(DepartmentException.Kind.TIMEOUT));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        }
    }
}
