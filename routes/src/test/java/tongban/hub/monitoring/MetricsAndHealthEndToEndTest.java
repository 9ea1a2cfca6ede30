package tongban.hub.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import tongban.hub.support.HubTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What Prometheus and Kubernetes see: queue depths, dead letters, circuit states, exchange latency histograms and
 * Camel route metrics per department on {@code /actuator/prometheus}; readiness made of the routes, the broker and
 * the database; nothing else of the actuator exposed.
 */
class MetricsAndHealthEndToEndTest extends HubTest {

    private String scrape() {
        ResponseEntity<String> scraped = http.getForEntity("/actuator/prometheus", String.class);
        assertThat(scraped.getStatusCode().value()).isEqualTo(200);
        return scraped.getBody();
    }

    @Test
    void aCallShowsUpAsLatencyAndOutcomePerDepartment() throws Exception {
        assertThat(call("zhangsan", "public-security/identity-verification",
                "{\"name\": \"张三\", \"idNumber\": \"460100199001011230\"}").getStatusCode().value()).isEqualTo(200);

        await().untilAsserted(() -> assertThat(scrape())
                .contains("tongban_exchange_calls_total{department=\"public-security\",outcome=\"OK\"")
                .contains("tongban_exchange_latency_seconds_bucket{department=\"public-security\",le=\"0.001\"}")
                .contains("tongban_exchange_latency_seconds_count{department=\"public-security\"}"));
    }

    @Test
    void queuesDeadLettersAndCircuitsArePerDepartment() {
        // the gauges read the monitor's latest sample: wait for one taken after the consumers started
        await().untilAsserted(() -> assertThat(scrape()).contains("tongban_queue_consumers{department=\"tax\"} 4.0"));
        String metrics = scrape();

        for (String department : new String[]{"tax", "construction-approval", "social-insurance"}) {
            assertThat(metrics).contains("tongban_queue_depth{department=\"" + department + "\"}")
                    .contains("tongban_queue_dead_letters{department=\"" + department + "\"}")
                    .contains("tongban_queue_consumers{department=\"" + department + "\"} 4.0")
                    .contains("resilience4j_circuitbreaker_state{name=\"" + department + "\",state=\"closed\"} 1.0");
        }
        assertThat(metrics).contains("routeId=\"submissions-tax\"");
    }

    @Test
    void readinessIsTheRoutesTheBrokerAndTheDatabase() throws Exception {
        JsonNode readiness = read(http.getForEntity("/actuator/health/readiness", String.class));

        assertThat(readiness.path("status").asText()).isEqualTo("UP");
        assertThat(readiness.path("components").fieldNames()).toIterable()
                .contains("db", "jms", "camelHealth", "readinessState");
        assertThat(http.getForEntity("/actuator/health/liveness", String.class).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void infoNamesTheBuildRunning() throws Exception {
        JsonNode info = read(http.getForEntity("/actuator/info", String.class));

        assertThat(info.at("/build/artifact").asText()).isEqualTo("tongban-hub");
        assertThat(info.at("/build/version").asText()).isNotBlank();
        assertThat(info.at("/build/time").asText()).isNotBlank();
    }

    @Test
    void onlyHealthInfoAndPrometheusAreExposed() {
        for (String endpoint : new String[]{"env", "beans", "configprops", "heapdump", "loggers", "metrics"}) {
            assertThat(http.getForEntity("/actuator/" + endpoint, String.class).getStatusCode().value())
                    .as(endpoint).isIn(401, 403, 404);
        }
    }
}
