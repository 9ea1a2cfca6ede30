package tongban.hub.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import tongban.hub.support.DepartmentSystems;
import tongban.hub.support.HubTest;
import tongban.hub.support.Tokens;
import tongban.hub.support.WindowCases;
import tongban.hub.web.BeijingTime;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 审批结果邮寄 against the real parts: the applicant chooses post when applying, the window approves, the order goes
 * to the carrier (its WireMock stubs, in EMS's own field names) through the asynchronous exchange exactly once with
 * the case number as the order number, the waybill comes back, and the carrier's own system posts each tracking
 * step with its own client-credentials token — kept once however often repeated. A carrier down while cases are
 * approved is asked again until it is back, and the order is made once. A returned
 * parcel is put before the window to follow up.
 */
class ResultsByPostEndToEndTest extends HubTest {

    private static final String ID_CARD = WindowCases.ID_CARD_RENEWAL;
    private static final WireMockServer CARRIER = DEPARTMENTS.get("postal");

    @Autowired
    JdbcTemplate jdbc;

    private static String delivery(String recipient, String phone) {
        return "{\"method\":\"POST\",\"recipient\":\"" + recipient + "\",\"phone\":\"" + phone + "\",\"province\":"
                + "\"海南省\",\"city\":\"海口市\",\"district\":\"龙华区\",\"address\":\"滨海大道88号椰风小区3栋201\"}";
    }

    private ResponseEntity<String> apply(String delivery) {
        return as(Tokens.of("zhangsan"), HttpMethod.POST, "/api/v1/cases", "{\"item\":\"" + ID_CARD
                + "\",\"form\":{\"reason\":\"expired\"},\"delivery\":" + delivery + "}");
    }

    private String approvedCase(String recipient) throws Exception {
        ResponseEntity<String> applied = apply(delivery(recipient, "13800000001"));
        assertThat(applied.getStatusCode().value()).as(applied.getBody()).isEqualTo(201);
        String number = read(applied).at("/summary/caseNumber").asText();
        ResponseEntity<String> approved = as(Tokens.of("wangwu"), HttpMethod.POST, "/api/v1/cases/" + number
                + "/decision", "{\"decision\":\"approve\",\"result\":\"居民身份证领取凭证\"}");
        assertThat(approved.getStatusCode().value()).as(approved.getBody()).isEqualTo(200);
        return number;
    }

    private JsonNode deliveryOf(String user, String number) throws Exception {
        return read(as(Tokens.of(user), HttpMethod.GET, "/api/v1/cases/" + number, null)).path("delivery");
    }

    private String awaitDelivery(String number, String status) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                status.equals(deliveryOf("zhangsan", number).path("status").asText()));
        return status;
    }

    private ResponseEntity<String> step(String client, String secret, String msgId, String number, String code,
                                        String time, String note) {
        return new DepartmentSystems(http).notice(client, secret, "postal/tracking", "{\"msgId\":\"" + msgId
                + "\",\"logisticsOrderNo\":\"" + number + "\",\"waybillNo\":\"1170" + number.substring(number.length() - 9)
                + "\",\"opCode\":\"" + code + "\",\"opTime\":\"" + time + "\",\"opOrgName\":\"海口邮区中心局\","
                + "\"opDesc\":\"" + note + "\"}");
    }

    private ResponseEntity<String> step(String number, String code, String time, String note) {
        return step("postal-system", "demo-only-postal-system-secret", "EMS-" + UUID.randomUUID(), number, code,
                time, note);
    }

    /** A time the carrier reports, this many minutes ago (a notice from the future is dated now). */
    private static String ago(int minutes) {
        return LocalDateTime.now(BeijingTime.ZONE).minusMinutes(minutes).withNano(0)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
    }

    private int orders(String number) {
        return CARRIER.findAll(postRequestedFor(urlPathEqualTo("/ems/api/v1/orders"))
                .withRequestBody(matchingJsonPath("$.logisticsOrderNo", equalTo(number)))).size();
    }

    @Test
    void anApprovedResultIsPostedOnceAndItsParcelFollowedStepByStep() throws Exception {
        assertProblem(apply(delivery("张三", "1380000")), 400, "INVALID_REQUEST");
        assertThat(read(apply(delivery("张三", "1380000"))).path("detail").asText()).contains("delivery.phone");

        String number = approvedCase("张三");
        awaitDelivery(number, "CREATED");
        JsonNode d = deliveryOf("zhangsan", number);
        assertThat(d.path("waybillNo").asText()).isEqualTo("1170" + number.substring(number.length() - 9));
        assertThat(d.path("address").asText()).isEqualTo("海南省海口市龙华区滨海大道88号椰风小区3栋201");
        assertThat(orders(number)).as("one order for the case").isEqualTo(1);
        assertThat(CARRIER.findAll(postRequestedFor(urlPathEqualTo("/ems/api/v1/orders"))
                .withRequestBody(matchingJsonPath("$.logisticsOrderNo", equalTo(number)))).get(0).getBodyAsString())
                .contains("\"receiver\"", "\"mobile\":\"13800000001\"", "\"county\":\"龙华区\"", "\"bizProductNo\":\"ZWZD\"");
        assertThat(read(as(Tokens.of("zhaoliu"), HttpMethod.GET, "/api/v1/cases/" + number, null))
                .at("/delivery/address").asText()).as("operations read it masked").isEqualTo("海南省海口市龙华区****");

        DepartmentSystems.taken(step(number, "10", ago(50), "已收寄"));
        DepartmentSystems.taken(step(number, "30", ago(40), "离开海口邮区中心局"));
        DepartmentSystems.taken(step(number, "30", ago(40), "离开海口邮区中心局")); // told twice
        DepartmentSystems.taken(step(number, "40", ago(20), "正在派送"));
        DepartmentSystems.taken(step(number, "50", ago(10), "已妥投，本人签收"));
        assertProblem(step("tax-system", "demo-only-tax-system-secret", "EMS-X", number, "60", ago(5),
                "退回"), 403, "NOT_THE_DEPARTMENT_SYSTEM");

        d = deliveryOf("zhangsan", number);
        assertThat(d.path("status").asText()).isEqualTo("DELIVERED");
        assertThat(d.path("statusWords").asText()).isEqualTo("已签收");
        assertThat(d.path("tracking").findValuesAsText("words")).containsExactly("已揽收", "运输中", "派送中", "已签收");
    }

    @Test
    void aCarrierDownWhileCasesAreApprovedIsAskedAgainUntilItIsBackAndMakesTheOrderOnce() throws Exception {
        StubMapping down = CARRIER.stubFor(post(urlPathEqualTo("/ems/api/v1/orders")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.receiver.name", equalTo("赵停机")))
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json;charset=UTF-8")
                        .withBody("{\"success\":\"false\",\"retCode\":\"S99999\",\"retMsg\":\"订单系统维护中\"}")));
        try {
            String number = approvedCase("赵停机");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> orders(number) >= 3);
            assertThat(deliveryOf("zhangsan", number).path("status").asText()).as("waiting for the carrier")
                    .isEqualTo("SENT");

            CARRIER.removeStub(down); // the carrier is back
            awaitDelivery(number, "CREATED");
            assertThat(CARRIER.getAllServeEvents().stream().filter(e -> e.getRequest().getBodyAsString()
                    .contains(number) && e.getResponse().getStatus() == 200)).as("the order made once").hasSize(1);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM submission WHERE idempotency_key = ?", Integer.class,
                    "post/" + number)).isEqualTo(1);
            assertThat(deliveryOf("zhangsan", number).path("waybillNo").asText())
                    .isEqualTo("1170" + number.substring(number.length() - 9));
        } finally {
            CARRIER.removeStub(down);
        }
    }

    @Test
    void aReturnedParcelIsPutBeforeTheWindow() throws Exception {
        String number = approvedCase("李退回");
        awaitDelivery(number, "CREATED");
        DepartmentSystems.taken(step(number, "10", ago(50), "已收寄"));
        DepartmentSystems.taken(step(number, "60", ago(5), "收件人拒收，退回寄件人"));

        JsonNode d = deliveryOf("zhangsan", number);
        assertThat(d.path("status").asText()).isEqualTo("RETURNED");
        assertThat(d.path("statusWords").asText()).isEqualTo("已退回，窗口将与您联系");
        assertThat(d.path("problem").asText()).isEqualTo("收件人拒收，退回寄件人");
        assertThat(d.path("followUp").asBoolean()).isTrue();
        assertThat(jdbc.queryForObject("SELECT follow_up FROM case_delivery WHERE case_number = ?", Boolean.class,
                number)).isTrue();
    }
}
