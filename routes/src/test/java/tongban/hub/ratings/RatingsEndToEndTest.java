package tongban.hub.ratings;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
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
import tongban.hub.workorders.WorkOrders;

import java.time.Duration;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Ratings (好差评) against the real Keycloak, hub, broker and the provincial rating system's stubs: the whole bad-rating
 * loop — rating → follow-up order → call-back → rectification → written reply → follow-up rating — with its
 * deadlines in working days across the 2020 National Day holiday; forged and repeated ratings refused; the province
 * down for a while and every rating still delivered there exactly once.
 */
class RatingsEndToEndTest extends HubTest {

    private static final String ZHANGSAN = "460100199001011230";
    private static final String SOCIAL_INSURANCE_SECRET = "demo-only-social-insurance-secret";

    @Autowired
    MovableClock clock;
    @Autowired
    WorkOrders orders;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /** A contribution certificate for 张三, taken in and approved at 王五's window. */
    private String finishedCase() throws Exception {
        String number = WindowCases.contributionCertificate(http, json, "wangwu", ZHANGSAN, "张三");
        decide(number, "{\"decision\":\"accept\"}");
        decide(number, "{\"decision\":\"approve\",\"result\":\"参保缴费证明 JF0001\"}");
        return number;
    }

    private void decide(String number, String body) {
        ResponseEntity<String> r = WindowCases.post(http, Tokens.of("wangwu"), "/api/v1/cases/" + number + "/decision", body);
        assertThat(r.getStatusCode().value()).as(r.getBody()).isEqualTo(200);
    }

    private ResponseEntity<String> rate(String user, String number, String body) {
        return WindowCases.post(http, Tokens.of(user), "/api/v1/cases/" + number + "/rating", body);
    }

    private ResponseEntity<String> get(String token, String path) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    /** 社保's word on a work order: cllx 10 签收 20 回访 30 整改 40 办结 50 申请退回; clsj its time, compact. */
    private ResponseEntity<String> socialInsurance(String order, String action, String handler, String text, String at) {
        return new DepartmentSystems(http).notice("social-insurance-system", SOCIAL_INSURANCE_SECRET,
                "social-insurance/work-order-status", "{\"tzbh\":\"SBGD-" + UUID.randomUUID() + "\",\"gdbh\":\"" + order
                        + "\",\"cllx\":\"" + action + "\",\"cbr\":\"" + handler + "\",\"clyj\":\"" + text
                        + "\",\"clsj\":\"" + at + "\"}");
    }

    @Test
    void aBadRatingIsFollowedUpToTheApplicantsFollowUpRatingWithDeadlinesInWorkingDays() throws Exception {
        String number = finishedCase();
        clock.setBeijing("2020-09-30T16:00:00"); // a Wednesday; 1–8 October are the National Day holidays
        ResponseEntity<String> rated = rate("zhangsan", number, "{\"level\":2,\"indicators\":{\"efficiency\":1,"
                + "\"serviceLevel\":3,\"attitude\":2},\"comment\":\"<script>alert(1)</script>等了很久\"}");
        assertThat(rated.getStatusCode().value()).as(rated.getBody()).isEqualTo(201);
        JsonNode rating = read(rated);
        assertThat(rating.path("channel").asText()).isEqualTo("PORTAL"); // the CLI client: not the hub's own portal
        assertThat(rating.path("department").asText()).isEqualTo("social-insurance");
        assertThat(rating.path("comment").asText()).isEqualTo("<script>alert(1)</script>等了很久"); // kept as text
        String order = rating.path("workOrder").asText();
        assertThat(order).startsWith("GD20200930");

        // the department's own system sees the whole order; the operators see it masked
        JsonNode asDepartment = read(get(Tokens.ofClient("social-insurance-system", SOCIAL_INSURANCE_SECRET),
                "/api/v1/work-orders/" + order));
        assertThat(asDepartment.at("/summary/content").asText()).contains("等了很久");
        assertThat(asDepartment.at("/summary/callerName").asText()).isEqualTo("张三");
        assertThat(asDepartment.at("/summary/respondBy").asText()).isEqualTo("2020-09-30T08:30:00Z");
        assertThat(asDepartment.at("/summary/callBackBy").asText()).isEqualTo("2020-10-09"); // after the holidays
        // 15 working days: 9, 10 (a working Saturday), 12–16, 19–23, 26, 27, 28 October
        assertThat(asDepartment.at("/summary/finishBy").asText()).isEqualTo("2020-10-28");
        JsonNode asOps = read(get(Tokens.of("zhaoliu"), "/api/v1/work-orders?department=social-insurance"));
        JsonNode listed = find(asOps, order);
        assertThat(listed.path("content").asText()).doesNotContain("等了很久").contains("仅承办人和来电人可见");
        assertThat(listed.path("callerName").asText()).isEqualTo("张*");
        assertProblem(get(Tokens.of("lisi"), "/api/v1/work-orders/" + order), 404, "WORK_ORDER_NOT_FOUND");

        // a follow-up rating before the department answered is refused
        assertProblem(WindowCases.post(http, Tokens.of("zhangsan"), "/api/v1/cases/" + number + "/follow-up-rating",
                "{\"level\":4}"), 409, "FOLLOW_UP_NOT_OPEN");

        assertThat(socialInsurance(order, "10", "周敏", "已签收", "20200930161000").getStatusCode().value()).isEqualTo(202);
        // the reply cannot come before the applicant was called back
        clock.setBeijing("2020-10-09T10:00:00");
        assertProblem(socialInsurance(order, "40", "周敏", "已整改", "20201009100000"), 409, "WORK_ORDER_STATUS_CONFLICT");
        assertThat(socialInsurance(order, "20", "周敏", "已电话回访申请人，了解到等候时间过长", "20201009100000")
                .getStatusCode().value()).isEqualTo(202);
        clock.setBeijing("2020-10-20T15:00:00");
        assertThat(socialInsurance(order, "30", "周敏", "增设缴费证明自助打印终端", "20201020150000").getStatusCode().value())
                .isEqualTo(202);
        clock.setBeijing("2020-10-28T17:00:00");
        orders.watch(); // the last day: escalated, not late
        assertThat(socialInsurance(order, "40", "周敏", "经核查属实，已增设自助终端并书面答复申请人", "20201028170000")
                .getStatusCode().value()).isEqualTo(202);

        JsonNode answered = read(get(Tokens.of("zhangsan"), "/api/v1/work-orders/" + order));
        assertThat(answered.at("/summary/status").asText()).isEqualTo("FINISHED");
        assertThat(answered.at("/summary/responseLate").asBoolean()).isFalse();
        assertThat(answered.at("/summary/callBackLate").asBoolean()).isFalse();
        assertThat(answered.at("/summary/finishLate").asBoolean()).isFalse();
        assertThat(answered.path("reply").asText()).contains("书面答复");
        assertThat(answered.path("history").findValuesAsText("action"))
                .containsSubsequence("RECEIVED", "RESPONDED", "CALLED_BACK", "RECTIFIED", "ESCALATED", "FINISHED");

        ResponseEntity<String> followUp = WindowCases.post(http, Tokens.of("zhangsan"),
                "/api/v1/cases/" + number + "/follow-up-rating", "{\"level\":4,\"comment\":\"整改及时\"}");
        assertThat(followUp.getStatusCode().value()).as(followUp.getBody()).isEqualTo(201);
        assertProblem(WindowCases.post(http, Tokens.of("zhangsan"), "/api/v1/cases/" + number + "/follow-up-rating",
                "{\"level\":5}"), 409, "ALREADY_RATED");
        assertThat(read(get(Tokens.of("zhaoliu"), "/api/v1/work-orders/" + order)).at("/summary/satisfaction").asInt())
                .isEqualTo(4);

        // both went to the province, once each
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            PROVINCIAL_RATING.verify(1, postRequestedFor(urlPathEqualTo("/hcp/api/v1/pj/sb"))
                    .withRequestBody(matchingJsonPath("$.sblsh", WireMock.equalTo(number)))
                    .withRequestBody(matchingJsonPath("$.pjlx", WireMock.equalTo("RATING")))
                    .withRequestBody(matchingJsonPath("$.pjdj", WireMock.equalTo("2")))
                    .withRequestBody(matchingJsonPath("$.zb.fwtd", WireMock.equalTo("2"))));
            PROVINCIAL_RATING.verify(1, postRequestedFor(urlPathEqualTo("/hcp/api/v1/pj/sb"))
                    .withRequestBody(matchingJsonPath("$.sblsh", WireMock.equalTo(number)))
                    .withRequestBody(matchingJsonPath("$.pjlx", WireMock.equalTo("FOLLOW_UP"))));
        });
    }

    @Test
    void onlyTheApplicantRatesAFinishedCaseAndOnlyOnce() throws Exception {
        String open = WindowCases.contributionCertificate(http, json, "wangwu", ZHANGSAN, "张三");
        assertProblem(rate("zhangsan", open, "{\"level\":5}"), 409, "CASE_NOT_FINISHED");
        String number = finishedCase();

        assertProblem(rate("lisi", number, "{\"level\":1}"), 404, "CASE_NOT_FOUND"); // another citizen
        assertProblem(rate("qianqi", number, "{\"level\":5,\"applicantIdNumber\":\"" + ZHANGSAN + "\"}"), 403,
                "CASE_NOT_AT_YOUR_WINDOW");
        assertProblem(rate("wangwu", number, "{\"level\":5}"), 403, "APPLICANT_NOT_PRESENT");
        assertProblem(WindowCases.post(http, Tokens.ofClient("social-insurance-system", SOCIAL_INSURANCE_SECRET),
                "/api/v1/cases/" + number + "/rating", "{\"level\":5}"), 403, "NOT_THE_APPLICANT");
        assertProblem(rate("zhangsan", number, "{\"level\":6}"), 400, "INVALID_REQUEST");
        assertProblem(rate("zhangsan", number, "{\"level\":5,\"indicators\":{\"platformEase\":5}}"), 400,
                "INVALID_REQUEST"); // an online indicator for a window case
        assertProblem(rate("zhangsan", number, "{\"level\":5,\"comment\":\"" + "好".repeat(501) + "\"}"), 400,
                "INVALID_REQUEST");

        // staff at the case's window, with the applicant there, rate for them — recorded as such
        ResponseEntity<String> atWindow = rate("wangwu", number, "{\"level\":5,\"indicators\":{\"attitude\":5},"
                + "\"applicantIdNumber\":\"" + ZHANGSAN + "\"}");
        assertThat(atWindow.getStatusCode().value()).as(atWindow.getBody()).isEqualTo(201);
        assertThat(read(atWindow).path("ratedBy").asText()).isEqualTo("staff:wangwu");
        assertThat(read(atWindow).path("channel").asText()).isEqualTo("WINDOW");
        assertThat(read(atWindow).path("workOrder").isNull()).isTrue();
        assertProblem(rate("zhangsan", number, "{\"level\":1}"), 409, "ALREADY_RATED");
        assertThat(read(get(Tokens.of("zhangsan"), "/api/v1/cases/" + number + "/ratings"))).hasSize(1);
    }

    @Test
    void ratingsGivenWhileTheProvinceIsDownReachItOnceItIsBack() throws Exception {
        String first = finishedCase();
        String second = finishedCase();
        StubMapping down = PROVINCIAL_RATING.stubFor(WireMock.post(urlPathEqualTo("/hcp/api/v1/pj/sb")).atPriority(0)
                .willReturn(WireMock.aResponse().withStatus(503).withHeader("Content-Type", "text/html;charset=UTF-8")
                        .withBody("<html><body><h1>系统维护中</h1></body></html>")));
        try {
            assertThat(rate("zhangsan", first, "{\"level\":5}").getStatusCode().value()).isEqualTo(201);
            assertThat(rate("zhangsan", second, "{\"level\":4}").getStatusCode().value()).isEqualTo(201);
            // tried, refused, tried again: the ratings wait on the exchange
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(PROVINCIAL_RATING.findAll(
                    postRequestedFor(urlPathEqualTo("/hcp/api/v1/pj/sb"))
                            .withRequestBody(matchingJsonPath("$.sblsh", WireMock.equalTo(second))))).hasSizeGreaterThan(2));
        } finally {
            PROVINCIAL_RATING.removeStub(down);
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (String number : new String[]{first, second}) {
                long accepted = PROVINCIAL_RATING.getAllServeEvents().stream()
                        .filter(e -> e.getRequest().getBodyAsString().contains("\"sblsh\":\"" + number + "\""))
                        .filter(e -> e.getResponse().getStatus() == 200).count();
                assertThat(accepted).as("ratings of " + number + " the province took").isEqualTo(1);
            }
        });
    }

    private static JsonNode find(JsonNode list, String order) {
        for (JsonNode o : list) {
            if (o.path("orderNumber").asText().equals(order)) {
                return o;
            }
        }
        throw new AssertionError("work order " + order + " is not listed: " + list);
    }
}
