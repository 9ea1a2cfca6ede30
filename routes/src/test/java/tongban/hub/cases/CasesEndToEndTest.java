package tongban.hub.cases;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import tongban.adapters.support.UnifiedSocialCreditCode;
import tongban.hub.calendar.WorkingCalendar;
import tongban.hub.support.DepartmentSystems;
import tongban.hub.support.HubTest;
import tongban.hub.support.Tokens;
import tongban.hub.support.WindowCases;
import tongban.hub.web.BeijingTime;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cases against the real parts: Keycloak tokens for applicants, staff and the department systems, the asynchronous
 * exchange on the embedded broker, the database, and the departments' stubs taking the applications. The departments'
 * decisions come back as their own notices, in their own words, sent with their own client-credentials tokens.
 */
class CasesEndToEndTest extends HubTest {

    private static final String CHENJING = "460100199203154520";
    private static final String ZHANGSAN = "460100199001011230";
    private static final String LISI = "460100198506152341";
    private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    WorkingCalendar calendar;

    private JsonNode caseOf(String user, String number) throws Exception {
        ResponseEntity<String> found = as(Tokens.of(user), HttpMethod.GET, "/api/v1/cases/" + number, null);
        assertThat(found.getStatusCode().value()).as(found.getBody()).isEqualTo(200);
        return read(found);
    }

    private JsonNode part(JsonNode bundle, String partTitle) {
        for (JsonNode p : bundle.path("parts")) {
            if (p.at("/summary/title").asText().equals(partTitle)) {
                return p;
            }
        }
        throw new AssertionError("no part " + partTitle + " in " + bundle);
    }

    private String departmentRefOnceDelivered(String user, String parent, String partTitle) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> !part(caseOf(user, parent), partTitle).path("departmentRef").isNull());
        try {
            return part(caseOf(user, parent), partTitle).path("departmentRef").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private DepartmentSystems departments() {
        return new DepartmentSystems(http);
    }

    private ResponseEntity<String> notice(String client, String secret, String callback, String body) {
        return departments().notice(client, secret, callback, body);
    }

    private ResponseEntity<String> registration(String partNumber, String status, String extra) {
        return departments().registration(partNumber, status, extra);
    }

    private ResponseEntity<String> seal(String partNumber, String status, String extra) {
        return departments().seal(partNumber, status, extra);
    }

    private ResponseEntity<String> tax(String partNumber, String status, String extra) {
        return departments().tax(partNumber, status, extra);
    }

    private ResponseEntity<String> insurance(String partNumber, String status, String extra) {
        return departments().insurance(partNumber, status, extra);
    }

    private static void taken(ResponseEntity<String> notice) {
        DepartmentSystems.taken(notice);
    }

    private static String now(DateTimeFormatter format) {
        return LocalDateTime.now(BeijingTime.ZONE).format(format);
    }

    private static final String OPENING_FORM = "{\"enterpriseName\":\"海口市椰林云计算有限公司\",\"enterpriseType\":\"1100\","
            + "\"registeredCapital\":100,\"address\":\"海南省海口市龙华区滨海大道1号\",\"businessScope\":\"软件开发\","
            + "\"legalRepresentative\":\"陈静\",\"legalRepresentativeIdNumber\":\"" + CHENJING + "\","
            + "\"sealKinds\":\"0102\",\"invoiceKind\":\"026\",\"invoiceCount\":25,\"employees\":8}";

    private String applyForEnterpriseOpening() throws Exception {
        ResponseEntity<String> applied = as(Tokens.of("chenjing"), HttpMethod.POST, "/api/v1/cases",
                "{\"bundle\":\"enterprise-opening\",\"form\":" + OPENING_FORM
                        + ",\"consents\":[\"public-security/household-registration\"]}");
        assertThat(applied.getStatusCode().value()).as(applied.getBody()).isEqualTo(201);
        JsonNode created = read(applied);
        String number = created.at("/summary/caseNumber").asText();
        assertThat(number).matches("TB[0-9]{14}");
        assertThat(applied.getHeaders().getLocation()).hasToString("/api/v1/cases/" + number);
        assertThat(created.path("parts")).hasSize(4);
        return number;
    }

    @Test
    void aBundleAppliedForOnceGoesThroughAllFourDepartmentsAndFinishesWithOneStatus() throws Exception {
        String parent = applyForEnterpriseOpening();
        String registration = parent + "-01";

        // registration goes first, with the household registration fetched (consented) instead of handed in
        assertThat(departmentRefOnceDelivered("chenjing", parent, "企业设立登记")).isEqualTo("SL" + registration.substring(2));
        ENTERPRISE_REGISTRATION.verify(postRequestedFor(urlPathEqualTo("/qydj/api/v2/sqsl/slsq"))
                .withRequestBody(matchingJsonPath("$.wbywh", com.github.tomakehurst.wiremock.client.WireMock.equalTo(registration)))
                .withRequestBody(matchingJsonPath("$.qymc", com.github.tomakehurst.wiremock.client.WireMock.equalTo("海口市椰林云计算有限公司"))));
        JsonNode material = part(caseOf("chenjing", parent), "企业设立登记").path("materials").get(0);
        assertThat(material.path("source").asText()).isEqualTo("SHARED");
        assertThat(material.path("sourceWords").asText()).isEqualTo("数据共享获取");
        assertThat(material.path("departmentName").asText()).isEqualTo("海口市公安局");
        assertThat(jdbc.queryForObject("SELECT case_id FROM message_log WHERE request_id = ?", String.class,
                material.path("logRequestId").asText())).as("the fetch is on the record under its case").isEqualTo(registration);
        assertThat(part(caseOf("chenjing", parent), "公章刻制备案").at("/summary/statusWords").asText()).isEqualTo("已提交");
        assertThat(part(caseOf("chenjing", parent), "公章刻制备案").path("departmentRef").isNull())
                .as("the seal waits for the licence").isTrue();

        // the registration system accepts, then approves with the new enterprise's credit code
        String creditCode = "91460100MA5TYL0" + "01";
        creditCode = creditCode.substring(0, 17) + UnifiedSocialCreditCode.checkCharacter(creditCode.substring(0, 17));
        taken(registration(registration, "01", ""));
        assertThat(caseOf("chenjing", parent).at("/summary/statusWords").asText()).isEqualTo("办理中");
        taken(registration(registration, "04", ",\"tyshxydm\":\"" + creditCode + "\",\"blyj\":\"准予设立登记\""));

        // then the other three go out together, each with the credit code filled in from the registration
        String sealRef = departmentRefOnceDelivered("chenjing", parent, "公章刻制备案");
        assertThat(sealRef).isEqualTo("YZ" + (parent + "-02").substring(2));
        departmentRefOnceDelivered("chenjing", parent, "新办纳税人涉税事项");
        departmentRefOnceDelivered("chenjing", parent, "单位参保登记");
        TAX.verify(postRequestedFor(urlPathEqualTo("/openapi/tax/v1/xbnsr/sq"))
                .withRequestBody(containing("\"nsrsbh\":\"" + creditCode + "\"")));
        SOCIAL_INSURANCE.verify(postRequestedFor(urlPathEqualTo("/sbjk/services/dwcbdj"))
                .withRequestBody(containing("<aab998>" + creditCode + "</aab998>")));

        taken(seal(parent + "-02", "2", ",\"yzbm\":\"4601000123456\""));
        taken(tax(parent + "-03", "Y", ""));
        taken(tax(parent + "-03", "W", ",\"fpdm\":\"FP2026-0001\""));
        assertThat(caseOf("chenjing", parent).at("/summary/status").asText()).isEqualTo("IN_PROGRESS");
        taken(insurance(parent + "-04", "30", ",\"cbbh\":\"46010012345678\""));

        JsonNode done = caseOf("chenjing", parent);
        assertThat(done.at("/summary/status").asText()).isEqualTo("FINISHED");
        assertThat(done.at("/summary/outcomeWords").asText()).isEqualTo("办结（准予）");
        assertThat(done.path("parts")).allSatisfy(p -> assertThat(p.at("/summary/status").asText()).isEqualTo("FINISHED"));
        assertThat(part(done, "公章刻制备案").path("result").asText()).isEqualTo("4601000123456");
        LocalDate today = LocalDate.now(BeijingTime.ZONE);
        // registration: 1 working day promised, finished today → early; the seal is 即办: due today, on time, not early
        assertThat(part(done, "企业设立登记").at("/summary/dueOn").asText()).isEqualTo(calendar.dueDate(today, 1).toString());
        assertThat(part(done, "企业设立登记").at("/summary/finishedEarly").asBoolean()).isTrue();
        assertThat(part(done, "公章刻制备案").at("/summary/dueOn").asText()).isEqualTo(calendar.dueDate(today, 0).toString());
        assertThat(part(done, "公章刻制备案").at("/summary/finishedEarly").asBoolean()).isEqualTo(!calendar.isWorkingDay(today));
        assertThat(done.at("/summary/dueOn").asText()).as("the bundle is due when its last part is")
                .isEqualTo(calendar.dueDate(today, 3).toString());
        assertThat(done.path("history").get(done.path("history").size() - 1).path("by").asText()).isEqualTo("平台");
        // a case's changes reach the log on its writer thread once committed (CaseLog): waited for, not raced
        await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForList(
                        "SELECT outcome FROM message_log WHERE case_id = ? ORDER BY seq", String.class, parent))
                .as("every change of the bundle is in the message log")
                .containsSubsequence("CASE_SUBMITTED", "CASE_IN_PROGRESS", "CASE_FINISHED"));

        JsonNode mine = read(as(Tokens.of("chenjing"), HttpMethod.GET, "/api/v1/cases", null));
        assertThat(mine.findValuesAsText("caseNumber")).contains(parent).doesNotContain(registration);
    }

    @Test
    void aHomeResaleGoesTaxFirstThenTitleAndASealedUnitIsRefusedInTheRegistrysOwnWords() throws Exception {
        String form = "{\"unitNo\":\"460106001001GB00001F00010001\",\"price\":1200000,\"sellerName\":\"李四\","
                + "\"sellerIdNumber\":\"" + LISI + "\"}";
        ResponseEntity<String> applied = as(Tokens.of("zhangsan"), HttpMethod.POST, "/api/v1/cases",
                "{\"bundle\":\"property-transfer\",\"form\":" + form + "}");
        assertThat(applied.getStatusCode().value()).as(applied.getBody()).isEqualTo(201);
        String parent = read(applied).at("/summary/caseNumber").asText();
        assertThat(departmentRefOnceDelivered("zhangsan", parent, "存量房交易契税申报")).isEqualTo("QS" + parent.substring(2) + "-01");
        assertThat(part(caseOf("zhangsan", parent), "不动产转移登记（存量房买卖）").path("departmentRef").isNull())
                .as("先税后证: the title waits for the tax").isTrue();

        taken(notice("tax-system", "demo-only-tax-system-secret", "tax/deed-tax-status", "{\"tzlsh\":\"QS-"
                + java.util.UUID.randomUUID() + "\",\"wbywbh\":\"" + parent + "-01\",\"slzt\":\"W\",\"wszmh\":\"WS0001\","
                + "\"clsj\":\"" + now(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")) + "\"}"));
        departmentRefOnceDelivered("zhangsan", parent, "不动产转移登记（存量房买卖）");
        REAL_ESTATE.verify(postRequestedFor(urlPathEqualTo("/bdc/api/v1/zydj/sq"))
                .withRequestBody(containing("\"wszmh\":\"WS0001\""))
                .withRequestBody(containing("\"qlr\":\"张三\"")));
        taken(notice("real-estate-system", "demo-only-real-estate-secret", "real-estate/registration-status",
                "{\"tzid\":\"BDC-" + java.util.UUID.randomUUID() + "\",\"ywh\":\"" + parent + "-02\",\"zt\":\"3\","
                        + "\"bdcqzh\":\"琼(2026)海口市不动产权第0000001号\",\"sj\":\""
                        + now(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")) + "\"}"));
        JsonNode done = caseOf("zhangsan", parent);
        assertThat(done.at("/summary/outcomeWords").asText()).isEqualTo("办结（准予）");
        assertThat(part(done, "不动产转移登记（存量房买卖）").path("result").asText()).isEqualTo("琼(2026)海口市不动产权第0000001号");

        // a unit under seizure: the registry refuses at its door, and the case says why in its words
        ResponseEntity<String> sealed = as(Tokens.of("zhangsan"), HttpMethod.POST, "/api/v1/cases",
                "{\"item\":\"11460100MB2D45678R4000401001000\",\"form\":{\"unitNo\":\"460106001001GB00002F00020002\","
                        + "\"price\":900000,\"sellerName\":\"李四\",\"sellerIdNumber\":\"" + LISI + "\",\"taxVoucher\":\"WS0002\"}}");
        assertThat(sealed.getStatusCode().value()).as(sealed.getBody()).isEqualTo(201);
        String number = read(sealed).at("/summary/caseNumber").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> "NOT_ACCEPTED".equals(caseOf("zhangsan", number)
                .at("/summary/status").asText()));
        assertThat(caseOf("zhangsan", number).at("/summary/reason").asText()).isEqualTo("该不动产单元存在查封登记，不能办理转移登记");
    }

    @Test
    void aPartAskingForACorrectionBringsTheBundleBackAndTheResubmissionGoesOutAgain() throws Exception {
        String parent = applyForEnterpriseOpening();
        String registration = parent + "-01";
        departmentRefOnceDelivered("chenjing", parent, "企业设立登记");

        taken(registration(registration, "03", ",\"blyj\":\"经营范围表述不规范，请按国民经济行业分类填写\""));

        JsonNode back = caseOf("chenjing", parent);
        assertThat(back.at("/summary/status").asText()).isEqualTo("CORRECTION_REQUESTED");
        assertThat(back.at("/summary/reason").asText()).contains("企业设立登记", "经营范围表述不规范");

        ResponseEntity<String> resubmitted = as(Tokens.of("chenjing"), HttpMethod.POST,
                "/api/v1/cases/" + parent + "/resubmission", "{\"form\":{\"businessScope\":\"软件开发；信息系统集成服务\"}}");
        assertThat(resubmitted.getStatusCode().value()).as(resubmitted.getBody()).isEqualTo(200);
        assertThat(read(resubmitted).at("/summary/status").asText()).isEqualTo("SUBMITTED");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> ENTERPRISE_REGISTRATION.verify(
                postRequestedFor(urlPathEqualTo("/qydj/api/v2/sqsl/slsq"))
                        .withRequestBody(containing("信息系统集成服务"))
                        .withRequestBody(containing(registration))));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM submission WHERE case_id = ?", Integer.class, registration))
                .as("one submission per round").isEqualTo(2);

        // answering a correction that nobody asked for is refused
        ResponseEntity<String> again = as(Tokens.of("chenjing"), HttpMethod.POST,
                "/api/v1/cases/" + parent + "/resubmission", "{\"form\":{}}");
        assertProblem(again, 409, "CASE_STATUS_CONFLICT");
    }

    @Test
    void withoutConsentNothingIsFetchedAndTheExchangeRefusesAnyoneWhoTries() throws Exception {
        int householdCallsBefore = PUBLIC_SECURITY.findAll(postRequestedFor(urlPathEqualTo("/rkxx/services/RkxxService"))
                .withRequestBody(containing(ZHANGSAN))).size();
        ResponseEntity<String> applied = as(Tokens.of("zhangsan"), HttpMethod.POST, "/api/v1/cases",
                "{\"item\":\"11460100MB1926354K4000303005000\",\"form\":{\"contributionGrade\":\"500\",\"phone\":\"13800000000\"}}");
        assertThat(applied.getStatusCode().value()).as(applied.getBody()).isEqualTo(201);
        String number = read(applied).at("/summary/caseNumber").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> !caseOf("zhangsan", number).path("departmentRef").isNull());

        JsonNode c = caseOf("zhangsan", number);
        assertThat(c.path("materials").get(0).path("source").asText()).isEqualTo("TO_HAND_IN");
        assertThat(c.path("materials").get(0).path("material").asText()).isEqualTo("户口簿");
        // the online window's staff, on this very case, are refused by the exchange for want of consent
        assertProblem(call("wangwu", "public-security/household-registration", "{\"idNumber\":\"" + ZHANGSAN + "\"}",
                Map.of("X-Case-Id", number)), 403, "CONSENT_MISSING");
        assertThat(PUBLIC_SECURITY.findAll(postRequestedFor(urlPathEqualTo("/rkxx/services/RkxxService"))
                .withRequestBody(containing(ZHANGSAN))).size()).as("nothing reached public security")
                .isEqualTo(householdCallsBefore);
    }

    @Test
    void staffReadAPersonsDataOnlyThroughAnOpenCaseOfTheirWindowThatNeedsIt() throws Exception {
        String number = WindowCases.idCardRenewal(http, json, "wangwu", LISI, "李四");
        String household = "{\"idNumber\":\"" + LISI + "\"}";

        assertThat(call("wangwu", "public-security/household-registration", household, Map.of("X-Case-Id", number))
                .getStatusCode().value()).isEqualTo(200);
        assertProblem(call("qianqi", "public-security/household-registration", household,
                Map.of("X-Case-Id", number)), 403, "CASE_NOT_AT_YOUR_WINDOW");
        assertProblem(call("wangwu", "public-security/household-registration", "{\"idNumber\":\"" + ZHANGSAN + "\"}",
                Map.of("X-Case-Id", number)), 403, "CASE_NOT_ABOUT_PERSON");
        assertProblem(call("wangwu", "social-insurance/contribution-record", "{\"idNumber\":\"" + LISI
                + "\",\"fromMonth\":\"2020-01\",\"toMonth\":\"2020-06\"}", Map.of("X-Case-Id", number)),
                403, "DATA_NOT_NEEDED_FOR_CASE");
        assertProblem(call("wangwu", "public-security/household-registration", household,
                Map.of("X-Case-Id", "TB20200101999999")), 403, "CASE_NOT_FOUND");

        // the window accepts (due in the item's 30 working days) and finishes it; then the case lets nobody in
        String token = Tokens.of("wangwu");
        JsonNode accepted = read(as(token, HttpMethod.POST, "/api/v1/cases/" + number + "/decision", "{\"decision\":\"accept\"}"));
        assertThat(accepted.at("/summary/dueOn").asText())
                .isEqualTo(calendar.dueDate(LocalDate.now(BeijingTime.ZONE), 30).toString());
        assertProblem(as(Tokens.of("qianqi"), HttpMethod.POST, "/api/v1/cases/" + number + "/decision",
                "{\"decision\":\"approve\"}"), 403, "CASE_NOT_AT_YOUR_WINDOW");
        JsonNode finished = read(as(token, HttpMethod.POST, "/api/v1/cases/" + number + "/decision",
                "{\"decision\":\"approve\",\"result\":\"身份证受理回执 HK0001\"}"));
        assertThat(finished.at("/summary/status").asText()).isEqualTo("FINISHED");
        assertProblem(call("wangwu", "public-security/household-registration", household,
                Map.of("X-Case-Id", number)), 403, "CASE_CLOSED");
        // the applicant sees her window case among her own; nobody else does
        assertThat(caseOf("lisi", number).at("/summary/outcomeWords").asText()).isEqualTo("办结（准予）");
        assertThat(read(as(Tokens.of("lisi"), HttpMethod.GET, "/api/v1/cases", null)).findValuesAsText("caseNumber"))
                .contains(number);
        assertProblem(as(Tokens.of("zhangsan"), HttpMethod.GET, "/api/v1/cases/" + number, null), 404, "CASE_NOT_FOUND");
    }

    @Test
    void aDrivingLicenceRenewalAtTheWindowReadsTheLicenceAndTheViolationsFromTheTrafficPoliceWithConsent()
            throws Exception {
        String number = WindowCases.open(http, json, "wangwu", "{\"item\":\"" + WindowCases.DRIVING_LICENCE_RENEWAL
                + "\",\"applicant\":{\"idNumber\":\"" + ZHANGSAN + "\",\"name\":\"张三\"},\"form\":{\"reason\":\"expired\"},"
                + "\"consents\":[\"traffic-police/driving-licence\",\"traffic-police/violations\"]}");

        JsonNode consents = caseOf("wangwu", number).path("consents");
        assertThat(consents.findValuesAsText("material")).containsExactlyInAnyOrder("机动车驾驶证信息", "交通违法记录");
        assertThat(consents.findValuesAsText("departmentName")).containsOnly("海口市公安局交通警察支队");

        // with the case and its consent the window may read 张三's violations; without a case, not
        String violations = "{\"idNumber\":\"" + ZHANGSAN + "\"}";
        ResponseEntity<String> answer = call("wangwu", "traffic-police/violations", violations, Map.of("X-Case-Id", number));
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
        JsonNode read = read(answer);
        assertThat(read.at("/data/violations/0/paid").isBoolean()).isTrue();
        assertThat(read.at("/data/violations/0/paid").asBoolean()).as("an unpaid fine: settle before renewal").isFalse();
        assertThat(read.at("/data/violations/0/paymentReference").asText()).isEqualTo("4601002026112801");
        assertThat(read(call("wangwu", "traffic-police/driving-licence", violations, Map.of("X-Case-Id", number)))
                .at("/data/status").asText()).isEqualTo("VALID");
        assertProblem(call("wangwu", "traffic-police/violations", violations), 403, "CASE_ID_REQUIRED");
        assertProblem(call("wangwu", "traffic-police/vehicles", violations, Map.of("X-Case-Id", number)), 403,
                "DATA_NOT_NEEDED_FOR_CASE");
    }

    @Test
    void aNoticeAboutAnUnknownCaseAnotherDepartmentsCaseOrFromTheWrongSystemIsRefusedAndNothingIsKept() throws Exception {
        String parent = applyForEnterpriseOpening();
        Integer eventsBefore = jdbc.queryForObject("SELECT COUNT(*) FROM callback_event", Integer.class);

        assertProblem(registration("TB20200101000999-01", "01", ""), 404, "UNKNOWN_CASE");
        assertProblem(tax(parent + "-01", "Y", ""), 403, "CASE_OF_ANOTHER_DEPARTMENT");
        ResponseEntity<String> wrongSystem = notice("tax-system", "demo-only-tax-system-secret",
                "enterprise-registration/application-status", "{\"tzbh\":\"X-1\",\"wbywh\":\"" + parent
                        + "-01\",\"blzt\":\"04\",\"blsj\":\"" + now(COMPACT) + "\"}");
        assertProblem(wrongSystem, 403, "NOT_THE_DEPARTMENT_SYSTEM");
        assertProblem(registration(parent + "-01", "02", ""), 400, "INVALID_REQUEST"); // 不予受理 without a reason

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM callback_event", Integer.class)).isEqualTo(eventsBefore);
        assertThat(caseOf("chenjing", parent).at("/summary/status").asText()).isEqualTo("SUBMITTED");
    }

    @Test
    void aBadApplicationIsA400InWordsAndNothingIsWritten() throws Exception {
        Integer casesBefore = jdbc.queryForObject("SELECT COUNT(*) FROM service_case", Integer.class);
        ResponseEntity<String> noName = as(Tokens.of("chenjing"), HttpMethod.POST, "/api/v1/cases",
                "{\"bundle\":\"enterprise-opening\",\"form\":" + OPENING_FORM.replace("\"海口市椰林云计算有限公司\"", "\"\"") + "}");
        assertProblem(noName, 400, "INVALID_REQUEST");
        assertThat(read(noName).path("detail").asText()).contains("enterpriseName");
        assertProblem(as(Tokens.of("chenjing"), HttpMethod.POST, "/api/v1/cases",
                "{\"bundle\":\"enterprise-opening\",\"form\":" + OPENING_FORM.replace("\"026\"", "\"999\"") + "}"),
                400, "INVALID_REQUEST");
        assertProblem(as(Tokens.of("chenjing"), HttpMethod.POST, "/api/v1/cases",
                "{\"bundle\":\"no-such-bundle\",\"form\":{}}"), 404, "UNKNOWN_BUNDLE");
        assertProblem(as(Tokens.of("zhaoliu"), HttpMethod.POST, "/api/v1/cases",
                "{\"bundle\":\"enterprise-opening\",\"form\":" + OPENING_FORM + "}"), 403, "NOT_AN_APPLICANT");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM service_case", Integer.class)).isEqualTo(casesBefore);
    }
}
