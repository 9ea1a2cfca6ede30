package tongban.hub.exchange.callbacks;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import tongban.hub.support.HubTest;
import tongban.hub.support.Tokens;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The construction-approval system calling back into the hub with its own client-credentials token: the notice
 * becomes one canonical event on the exchange's topic and one message-log entry; nobody else may send it.
 */
class CallbackEndToEndTest extends HubTest {

    private static final String PATH = "/api/v1/callbacks/construction-approval/stage-changed";
    private static final String SYSTEM_TOKEN_CLIENT = "construction-system";

    @Autowired
    ConnectionFactory broker;
    @Autowired
    JdbcTemplate jdbc;

    private Connection connection;
    private MessageConsumer events;

    @BeforeEach
    void subscribe() throws Exception {
        connection = broker.createConnection();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        events = session.createConsumer(session.createTopic(CallbackService.topic("construction-approval")));
        connection.start();
    }

    @AfterEach
    void unsubscribe() throws Exception {
        connection.close();
    }

    private static String systemToken() {
        return Tokens.ofClient(SYSTEM_TOKEN_CLIENT, "demo-only-construction-secret");
    }

    private ResponseEntity<String> notice(String token, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            headers.setBearerAuth(token);
        }
        return http.exchange(PATH, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    private static String stageChanged(String eventId, String when) {
        return "{\"sjbh\":\"" + eventId + "\",\"xmdm\":\"2020-460100-47-01-000123\",\"jdbm\":\"02\","
                + "\"jdmc\":\"工程建设许可\",\"blzt\":\"2\",\"bjsj\":\"" + when + "\",\"blr\":\"住建局审批科\"}";
    }

    @Test
    void theDepartmentsNoticeBecomesOneEventOnTheExchangeAndOneLogEntry() throws Exception {
        String eventId = "GCJS-EVT-" + UUID.randomUUID();

        ResponseEntity<String> taken = notice(systemToken(), stageChanged(eventId, "2020-07-01 10:00:00"));

        assertThat(taken.getStatusCode().value()).as(taken.getBody()).isEqualTo(202);
        JsonNode event = read(taken);
        assertThat(event.at("/data/status").asText()).isEqualTo("APPROVED");
        assertThat(event.at("/data/changedAt").asText()).isEqualTo("2020-07-01T10:00:00+08:00");
        assertThat(event.at("/data/stageName").asText()).isEqualTo("工程建设许可");
        TextMessage published = (TextMessage) events.receive(5000);
        assertThat(published).isNotNull();
        assertThat(json.readTree(published.getText()).path("eventId").asText()).isEqualTo(eventId);
        assertThat(jdbc.queryForObject("SELECT outcome FROM message_log WHERE request_id = ?", String.class,
                taken.getHeaders().getFirst("X-Request-Id"))).isEqualTo("EVENT");
        assertThat(jdbc.queryForObject("SELECT client_id FROM message_log WHERE request_id = ?", String.class,
                taken.getHeaders().getFirst("X-Request-Id"))).isEqualTo(SYSTEM_TOKEN_CLIENT);

        ResponseEntity<String> again = notice(systemToken(), stageChanged(eventId, "2020-07-01 10:00:00"));

        assertThat(again.getStatusCode().value()).as("a repeat is acknowledged").isEqualTo(200);
        assertThat(read(again).path("requestId").asText()).isEqualTo(event.path("requestId").asText());
        assertThat(events.receive(500)).as("but not published twice").isNull();
    }

    @Test
    void aTokenForAnotherAudienceOrNoTokenIs401() throws Exception {
        String elsewhere = Tokens.ofClient("tongban-demo-elsewhere", "demo-only-elsewhere-secret");

        assertProblem(notice(elsewhere, stageChanged("GCJS-EVT-aud", "2020-07-01 10:00:00")), 401, "UNAUTHENTICATED");
        assertProblem(notice(null, stageChanged("GCJS-EVT-none", "2020-07-01 10:00:00")), 401, "UNAUTHENTICATED");
        assertThat(events.receive(300)).isNull();
    }

    @Test
    void aValidTokenOfAnyoneButTheDepartmentSystemIsRefused() throws Exception {
        assertProblem(notice(Tokens.of("zhangsan"), stageChanged("GCJS-EVT-citizen", "2020-07-01 10:00:00")),
                403, "NOT_THE_DEPARTMENT_SYSTEM");
        assertThat(events.receive(300)).isNull();
    }

    @Test
    void anUnreadableNoticeIs400AndNothingIsPublished() throws Exception {
        assertProblem(notice(systemToken(), "{\"xmdm\":\"2020-460100-47-01-000123\",\"blzt\":\"2\"}"),
                400, "INVALID_REQUEST");
        assertProblem(notice(systemToken(), stageChanged("GCJS-EVT-baddate", "2020/07/01")), 400, "INVALID_REQUEST");
        assertProblem(notice(systemToken(), "[]"), 400, "INVALID_REQUEST");
        assertThat(events.receive(300)).isNull();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM callback_event WHERE event_id = 'GCJS-EVT-baddate'",
                Integer.class)).isZero();
    }
}
