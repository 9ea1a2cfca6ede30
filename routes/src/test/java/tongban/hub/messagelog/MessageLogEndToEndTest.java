package tongban.hub.messagelog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import tongban.hub.support.HubTest;
import tongban.hub.support.WindowCases;
import tongban.hub.support.Tokens;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Every call leaves a hash-chained record; citizens see their trail; tampering is found. */
class MessageLogEndToEndTest extends HubTest {

    @Autowired
    JdbcTemplate jdbc;

    private ResponseEntity<String> call(String user, String service, String body, String requestId, String caseId) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBearerAuth(Tokens.of(user));
        headers.set("X-Request-Id", requestId);
        if (caseId != null) {
            headers.set("X-Case-Id", caseId);
        }
        return http.exchange("/api/v1/services/" + service, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    private ResponseEntity<String> as(String user, HttpMethod method, String path) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(Tokens.of(user));
        return http.exchange(path, method, new HttpEntity<>(headers), String.class);
    }

    private JsonNode verification() throws Exception {
        ResponseEntity<String> response = as("zhaoliu", HttpMethod.POST, "/api/v1/message-log/verification");
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        return json.readTree(response.getBody());
    }

    @Test
    void eachCallIsRecordedWithHashesOfWhatCameInAndWentOut() {
        String requestId = "log-" + UUID.randomUUID();
        String body = "{\"name\": \"张三\", \"idNumber\": \"460100199001011230\"}";

        ResponseEntity<String> response = call("zhangsan", "public-security/identity-verification", body, requestId, null);

        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM message_log WHERE request_id = ?", requestId);
        assertThat(row.get("CLIENT_ID")).isEqualTo("tongban-cli");
        assertThat(row.get("CALLER_NAME")).isEqualTo("zhangsan");
        assertThat(row.get("DEPARTMENT")).isEqualTo("public-security");
        assertThat(row.get("SERVICE")).isEqualTo("identity-verification");
        assertThat(row.get("OUTCOME")).isEqualTo("OK");
        assertThat(row.get("STATUS")).isEqualTo(200);
        assertThat(row.get("REQUEST_SHA256")).isEqualTo(Hashing.sha256(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(row.get("RESPONSE_SHA256")).isEqualTo(Hashing.sha256(response.getBody().getBytes(StandardCharsets.UTF_8)));
        assertThat(row.get("DATA_SUBJECT_REF").toString()).hasSize(64).doesNotContain("460100");
    }

    @Test
    void refusedAndFailedCallsAreRecordedToo() {
        String requestId = "log-" + UUID.randomUUID();

        call("zhangsan", "public-security/identity-verification",
                "{\"name\": \"李四\", \"idNumber\": \"460100198506152341\"}", requestId, null);

        assertThat(jdbc.queryForObject("SELECT outcome FROM message_log WHERE request_id = ?", String.class, requestId))
                .isEqualTo("NOT_OWN_DATA");
    }

    @Test
    void aCitizenSeesWhoUsedTheirDataAndForWhichCase() throws Exception {
        String requestId = "log-" + UUID.randomUUID();
        String caseNumber = WindowCases.idCardRenewal(http, json, "wangwu", "460100198506152341", "李四");
        call("wangwu", "public-security/household-registration", "{\"idNumber\": \"460100198506152341\"}",
                requestId, caseNumber);

        JsonNode uses = json.readTree(as("lisi", HttpMethod.GET, "/api/v1/me/data-usage").getBody()).path("uses");

        JsonNode use = null;
        for (JsonNode u : uses) {
            if (requestId.equals(u.path("requestId").asText())) {
                use = u;
            }
        }
        assertThat(use).as("lisi's trail holds the staff lookup").isNotNull();
        assertThat(use.path("client").asText()).isEqualTo("tongban-cli");
        assertThat(use.path("caseId").asText()).isEqualTo(caseNumber);
        assertThat(use.path("service").asText()).isEqualTo("household-registration");
        JsonNode zhangsansUses = json.readTree(as("zhangsan", HttpMethod.GET, "/api/v1/me/data-usage").getBody());
        assertThat(zhangsansUses.findValuesAsText("requestId")).doesNotContain(requestId);
        assertThat(zhangsansUses.path("coverage").asText()).contains("近 180 天", "归档");
    }

    @Test
    void onlyOperationsStaffMayVerifyTheChain() {
        assertThat(as("zhangsan", HttpMethod.POST, "/api/v1/message-log/verification").getStatusCode().value())
                .isEqualTo(403);
    }

    @Test
    void theChainVerifiesAndATamperedOrDeletedEntryIsDetected() throws Exception {
        String requestId = "log-" + UUID.randomUUID();
        call("zhangsan", "item-library/item-detail", "{\"implementationCode\": \"11460100008256386X4000105001000\"}",
                requestId, null);
        call("zhangsan", "item-library/item-detail", "{\"implementationCode\": \"11460100008256386X4000105001000\"}",
                "log-" + UUID.randomUUID(), null);
        JsonNode before = verification();
        assertThat(before.path("intact").asBoolean()).as(before.toString()).isTrue();

        long seq = jdbc.queryForObject("SELECT seq FROM message_log WHERE request_id = ?", Long.class, requestId);
        jdbc.update("UPDATE message_log SET outcome = 'DEPARTMENT_ERROR' WHERE seq = ?", seq);
        try {
            JsonNode tampered = verification();
            assertThat(tampered.path("intact").asBoolean()).isFalse();
            assertThat(tampered.path("firstBrokenSeq").asLong()).isEqualTo(seq);
            assertThat(tampered.path("problem").asText()).contains("changed");
        } finally {
            jdbc.update("UPDATE message_log SET outcome = 'OK' WHERE seq = ?", seq);
        }
        assertThat(verification().path("intact").asBoolean()).isTrue();

        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM message_log WHERE seq = ?", seq);
        jdbc.update("DELETE FROM message_log WHERE seq = ?", seq);
        try {
            JsonNode deleted = verification();
            assertThat(deleted.path("intact").asBoolean()).isFalse();
            assertThat(deleted.path("firstBrokenSeq").asLong()).isEqualTo(seq);
        } finally {
            String columns = String.join(", ", row.keySet());
            jdbc.update("INSERT INTO message_log (" + columns + ") VALUES (" + "?, ".repeat(row.size() - 1) + "?)",
                    row.values().toArray());
        }
        assertThat(verification().path("intact").asBoolean()).isTrue();
    }
}
