package tongban.hub.workorders;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import tongban.hub.support.DepartmentSystems;
import tongban.hub.support.HubTest;
import tongban.hub.support.MovableClock;
import tongban.hub.support.Tokens;
import tongban.hub.support.WindowCases;

import java.time.Duration;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 12345 work orders against the real Keycloak, hub, broker and the departments' stubs: the hotline hands an order in
 * with its own notice; it goes to the department's intake through the asynchronous exchange; the platform escalates
 * it (督办) before its 30-minute response deadline and records it late after, for good; a transfer the department
 * asks for is decided by the dispatcher and the order starts again at the other department; the hotline hears how
 * it went; the caller's words stay masked for everyone but the handler.
 */
class WorkOrdersEndToEndTest extends HubTest {

    private static final String HOTLINE_SECRET = "demo-only-hotline-12345-secret";

    @Autowired
    MovableClock clock;
    @Autowired
    WorkOrders orders;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private ResponseEntity<String> hotline(String callback, String body) {
        return new DepartmentSystems(http).notice("hotline-12345-system", HOTLINE_SECRET, "hotline-12345/" + callback, body);
    }

    private ResponseEntity<String> get(String token, String path) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    private JsonNode order(String number) throws Exception {
        return read(get(Tokens.of("zhaoliu"), "/api/v1/work-orders/" + number)).path("summary");
    }

    /** 税务's word on an order: czlx QS 签收 HF 回访 ZG 整改 BJ 办结 TH 申请退回. */
    private ResponseEntity<String> tax(String order, String action, String text, String extra, String at) {
        return new DepartmentSystems(http).notice("tax-system", "demo-only-tax-system-secret", "tax/work-order-status",
                "{\"tzlsh\":\"SWGD-" + UUID.randomUUID() + "\",\"gdbh\":\"" + order + "\",\"czlx\":\"" + action
                        + "\",\"cbrxm\":\"黄敏\",\"clyj\":\"" + text + "\",\"clsj\":\"" + at + "\"" + extra + "}");
    }

    @Test
    void anOrderIsEscalatedBeforeItsResponseDeadlineRecordedLateAfterItAndTransferred() throws Exception {
        clock.setBeijing("2020-06-30T09:00:00"); // a Tuesday, after the Dragon Boat holidays
        String hotlineNumber = "RX" + System.nanoTime();
        ResponseEntity<String> handedIn = hotline("work-order", "{\"tzid\":\"TZ-" + UUID.randomUUID() + "\",\"gdbh\":\""
                + hotlineNumber + "\",\"sqlx\":\"1\",\"sqbt\":\"新办纳税人信息确认无法提交\",\"sqnr\":\"我在电子税务局确认"
                + "新办纳税人信息时一直提示系统错误，已经三天了。\",\"ldr\":\"刘建国\",\"lddh\":\"13907551234\",\"cbdw\":\"SWJ\","
                + "\"blsx\":3}");
        assertThat(handedIn.getStatusCode().value()).as(handedIn.getBody()).isEqualTo(202);
        String number = orders.fromHotlineNumber(hotlineNumber).orElseThrow().orderNumber();
        JsonNode o = order(number);
        assertThat(o.path("department").asText()).isEqualTo("tax");
        assertThat(o.path("finishBy").asText()).isEqualTo("2020-07-03"); // three working days: 1, 2, 3 July
        assertThat(o.path("callerName").asText()).isEqualTo("刘**");
        assertThat(o.path("callerPhone").asText()).isEqualTo("139****1234");
        assertThat(o.path("content").asText()).doesNotContain("电子税务局");
        // it went to the tax bureau's intake, in the bureau's words
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> TAX.verify(1,
                postRequestedFor(urlPathEqualTo("/openapi/tax/v1/gd/js"))
                        .withRequestBody(matchingJsonPath("$.gdbh", WireMock.equalTo(number)))
                        .withRequestBody(matchingJsonPath("$.gdnr", WireMock.containing("系统错误")))));
        // the handler's system reads it whole
        JsonNode asHandler = read(get(Tokens.ofClient("tax-system", "demo-only-tax-system-secret"),
                "/api/v1/work-orders/" + number));
        assertThat(asHandler.at("/summary/content").asText()).contains("系统错误");
        assertThat(asHandler.path("whole").asBoolean()).isTrue();

        clock.setBeijing("2020-06-30T09:19:00");
        orders.watch();
        assertThat(order(number).path("escalated").isNull()).isTrue();
        clock.setBeijing("2020-06-30T09:21:00"); // within ten minutes of its deadline: escalated, not yet late
        orders.watch();
        o = order(number);
        assertThat(o.path("escalated").asText()).isEqualTo("RESPONSE");
        assertThat(o.path("responseLate").asBoolean()).isFalse();
        JsonNode first = read(get(Tokens.of("zhaoliu"), "/api/v1/work-orders?open=true")).get(0);
        assertThat(first.path("escalated").isNull()).as("escalated orders come first").isFalse();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(http.getForObject("/actuator/prometheus",
                String.class)).containsPattern("tongban_work_orders_escalated\\{department=\"tax\"[^}]*} [1-9]"));

        clock.setBeijing("2020-06-30T09:31:00");
        orders.watch();
        assertThat(order(number).path("responseLate").asBoolean()).isTrue();
        assertThat(tax(number, "QS", "已签收", "", "2020-06-30 09:35:00").getStatusCode().value()).isEqualTo(202);
        o = order(number);
        assertThat(o.path("status").asText()).isEqualTo("RESPONDED");
        assertThat(o.path("responseLate").asBoolean()).as("late stays late").isTrue();
        assertThat(o.path("escalated").isNull()).isTrue();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> HOTLINE.verify(1,
                postRequestedFor(urlPathEqualTo("/rx12345/api/gd/fk"))
                        .withRequestBody(matchingJsonPath("$.gdbh", WireMock.equalTo(hotlineNumber)))
                        .withRequestBody(matchingJsonPath("$.jd", WireMock.equalTo("RESPONDED")))));

        // not the tax bureau's: it asks to hand it to real estate; the dispatcher agrees
        assertThat(tax(number, "TH", "契税已缴，问题在不动产登记", ",\"jycbdw\":\"BDCDJZX\"", "2020-06-30 10:00:00")
                .getStatusCode().value()).isEqualTo(202);
        assertThat(order(number).path("transferTo").asText()).isEqualTo("real-estate");
        assertProblem(WindowCases.post(http, Tokens.of("wangwu"), "/api/v1/work-orders/" + number + "/transfer-decision",
                "{\"approve\":true}"), 403, "NO_ACCESS_RIGHT");
        clock.setBeijing("2020-06-30T10:05:00");
        ResponseEntity<String> decided = WindowCases.post(http, Tokens.of("zhaoliu"),
                "/api/v1/work-orders/" + number + "/transfer-decision", "{\"approve\":true,\"note\":\"转不动产登记中心\"}");
        assertThat(decided.getStatusCode().value()).as(decided.getBody()).isEqualTo(200);
        o = order(number);
        assertThat(o.path("department").asText()).isEqualTo("real-estate");
        assertThat(o.path("status").asText()).isEqualTo("RECEIVED");
        assertThat(o.path("respondBy").asText()).isEqualTo("2020-06-30T02:35:00Z");
        assertThat(o.path("responseLate").asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> REAL_ESTATE.verify(1,
                postRequestedFor(urlPathEqualTo("/bdc/api/v1/gd/js"))
                        .withRequestBody(matchingJsonPath("$.gdbh", WireMock.equalTo(number)))));
        // the tax bureau no longer has a say
        assertProblem(tax(number, "BJ", "已办结", "", "2020-06-30 10:10:00"), 403, "WORK_ORDER_OF_ANOTHER_DEPARTMENT");

        // answered on 6 July, after its last day (3 July): late, and the hotline hears it
        clock.setBeijing("2020-07-06T11:00:00");
        orders.watch();
        ResponseEntity<String> late = new DepartmentSystems(http).notice("real-estate-system",
                "demo-only-real-estate-secret", "real-estate/work-order-status", "{\"tzid\":\"BDCGD-" + UUID.randomUUID()
                        + "\",\"gdbh\":\"" + number + "\",\"zt\":\"1\",\"cbr\":\"吴磊\",\"yj\":\"已签收\",\"sj\":\"2020-07-06 11:00:00\"}");
        assertThat(late.getStatusCode().value()).as(late.getBody()).isEqualTo(202);
        assertThat(new DepartmentSystems(http).notice("real-estate-system", "demo-only-real-estate-secret",
                "real-estate/work-order-status", "{\"tzid\":\"BDCGD-" + UUID.randomUUID() + "\",\"gdbh\":\"" + number
                        + "\",\"zt\":\"4\",\"cbr\":\"吴磊\",\"yj\":\"已为来电人补办登记\",\"sj\":\"2020-07-06 11:30:00\"}")
                .getStatusCode().value()).isEqualTo(202);
        o = order(number);
        assertThat(o.path("status").asText()).isEqualTo("FINISHED");
        assertThat(o.path("finishLate").asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> HOTLINE.verify(1,
                postRequestedFor(urlPathEqualTo("/rx12345/api/gd/fk"))
                        .withRequestBody(matchingJsonPath("$.gdbh", WireMock.equalTo(hotlineNumber)))
                        .withRequestBody(matchingJsonPath("$.jd", WireMock.equalTo("FINISHED")))
                        .withRequestBody(matchingJsonPath("$.blyj", WireMock.equalTo("已为来电人补办登记")))));

        // the hotline calls the caller back: 3 (基本满意)
        assertThat(hotline("satisfaction", "{\"tzid\":\"TZ-" + UUID.randomUUID() + "\",\"gdbh\":\"" + hotlineNumber
                + "\",\"hfmyd\":3}").getStatusCode().value()).isEqualTo(202);
        assertThat(order(number).path("satisfaction").asInt()).isEqualTo(3);
        assertThat(read(get(Tokens.of("zhaoliu"), "/api/v1/work-orders/" + number)).path("history")
                .findValuesAsText("action")).containsSubsequence("RECEIVED", "ESCALATED", "RESPONSE_LATE", "RESPONDED",
                "TRANSFER_REQUESTED", "TRANSFERRED", "FINISH_LATE", "RESPONDED", "FINISHED", "SATISFACTION");
    }

    @Test
    void aDepartmentWithoutAnIntakeFetchesItsOrdersAndAnswersThroughItsOwnNotice() throws Exception {
        String hotlineNumber = "RX" + System.nanoTime();
        assertThat(hotline("work-order", "{\"tzid\":\"TZ-" + UUID.randomUUID() + "\",\"gdbh\":\"" + hotlineNumber
                + "\",\"sqlx\":\"2\",\"sqbt\":\"身份证换领进度\",\"sqnr\":\"换领的身份证两周了还没有消息\",\"ldr\":\"周强\","
                + "\"cbdw\":\"GAJ\"}").getStatusCode().value()).isEqualTo(202);
        String number = orders.fromHotlineNumber(hotlineNumber).orElseThrow().orderNumber();
        String system = Tokens.ofClient("public-security-system", "demo-only-public-security-secret");
        JsonNode theirs = read(get(system, "/api/v1/work-orders?open=true"));
        assertThat(theirs.findValuesAsText("orderNumber")).contains(number);
        assertThat(theirs.findValuesAsText("department")).containsOnly("public-security");
        assertThat(read(get(system, "/api/v1/work-orders/" + number)).at("/summary/content").asText())
                .isEqualTo("换领的身份证两周了还没有消息");
        DepartmentSystems systems = new DepartmentSystems(http);
        String now = java.time.LocalDateTime.now(tongban.hub.web.BeijingTime.ZONE)
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        for (String[] step : new String[][]{{"1", "已签收"}, {"4", "证件已制作完成，已短信通知来电人领取"}}) {
            ResponseEntity<String> said = systems.notice("public-security-system", "demo-only-public-security-secret",
                    "public-security/work-order-status", "{\"tzbh\":\"GAGD-" + UUID.randomUUID() + "\",\"gdbh\":\""
                            + number + "\",\"cz\":\"" + step[0] + "\",\"cbr\":\"陈警官\",\"clyj\":\"" + step[1]
                            + "\",\"sj\":\"" + now + "\"}");
            assertThat(said.getStatusCode().value()).as(said.getBody()).isEqualTo(202);
        }
        assertThat(order(number).path("status").asText()).isEqualTo("FINISHED");
        // construction approval fetches its orders too, and hands one it does not own back to the dispatcher
        assertThat(hotline("work-order", "{\"tzid\":\"TZ-" + UUID.randomUUID() + "\",\"gdbh\":\"" + hotlineNumber
                + "Z\",\"sqlx\":\"4\",\"sqbt\":\"施工许可网上办理建议\",\"sqnr\":\"建议施工许可材料可以一次上传\","
                + "\"ldr\":\"周强\",\"cbdw\":\"ZJJ\"}").getStatusCode().value()).isEqualTo(202);
        String approval = orders.fromHotlineNumber(hotlineNumber + "Z").orElseThrow().orderNumber();
        ResponseEntity<String> handedBack = systems.notice("construction-system", "demo-only-construction-secret",
                "construction-approval/work-order-status", "{\"sjbh\":\"SJ-" + UUID.randomUUID() + "\",\"gdbh\":\""
                        + approval + "\",\"czlx\":\"05\",\"clyj\":\"属市场监管职责\",\"jydw\":\"SJGJ\",\"bjsj\":\"" + now + "\"}");
        assertThat(handedBack.getStatusCode().value()).as(handedBack.getBody()).isEqualTo(202);
        assertThat(order(approval).path("transferTo").asText()).isEqualTo("enterprise-registration");
        // a unit code no department has is the hotline's mistake, said at once
        assertProblem(hotline("work-order", "{\"tzid\":\"TZ-" + UUID.randomUUID() + "\",\"gdbh\":\"RX" + System.nanoTime()
                + "\",\"sqlx\":\"2\",\"sqbt\":\"标题\",\"sqnr\":\"内容\",\"ldr\":\"周强\",\"cbdw\":\"XYZ\"}"), 422,
                "UNKNOWN_DEPARTMENT");
    }

    @Test
    void aHotlineOrderThatCannotBeTakenIsRefusedAndNothingKept() throws Exception {
        String hotlineNumber = "RX" + System.nanoTime();
        assertProblem(hotline("work-order", "{\"tzid\":\"TZ-" + UUID.randomUUID() + "\",\"gdbh\":\"" + hotlineNumber
                + "\",\"sqlx\":\"1\",\"sqbt\":\"标题\",\"ldr\":\"刘建国\",\"cbdw\":\"SWJ\"}"), 400, "INVALID_REQUEST");
        assertProblem(hotline("work-order", "{\"tzid\":\"TZ-" + UUID.randomUUID() + "\",\"gdbh\":\"" + hotlineNumber
                + "\",\"sqlx\":\"1\",\"sqbt\":\"标题\",\"sqnr\":\"内容\",\"ldr\":\"刘建国\",\"cbdw\":\"SWJ\",\"blsx\":0}"),
                400, "INVALID_REQUEST");
        // only the hotline's own system hands orders in
        assertProblem(new DepartmentSystems(http).notice("tax-system", "demo-only-tax-system-secret",
                "hotline-12345/work-order", "{\"tzid\":\"TZ-" + UUID.randomUUID() + "\",\"gdbh\":\"" + hotlineNumber
                        + "\",\"sqlx\":\"1\",\"sqbt\":\"标题\",\"sqnr\":\"内容\",\"ldr\":\"刘建国\",\"cbdw\":\"SWJ\"}"),
                403, "NOT_THE_DEPARTMENT_SYSTEM");
        assertThat(orders.fromHotlineNumber(hotlineNumber)).isEmpty();
        assertProblem(get(Tokens.of("zhangsan"), "/api/v1/work-orders/GD20200101000001"), 404, "WORK_ORDER_NOT_FOUND");
        assertProblem(get(Tokens.of("wangwu"), "/api/v1/work-orders"), 403, "NO_ACCESS_RIGHT");
    }
}
