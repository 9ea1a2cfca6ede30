package tongban.hub.portal;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tongban.hub.support.Browser;
import tongban.mocks.legacy.LegacyPortal;
import tongban.mocks.portals.DepartmentPortal;
import tongban.sso.login.DemoOneTimeCodes;
import tongban.hub.support.DepartmentPortals;
import tongban.hub.support.HubTestBase;
import tongban.hub.support.KeycloakAdmin;
import tongban.hub.support.TestKeycloak;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The citizen portal in a real headless Chromium against the real Keycloak: sign in once, see who you are and who
 * used your data, stay signed in across Keycloak's other apps, and be signed out everywhere — by the portal's own
 * logout and by Keycloak's back-channel logout when the session ends elsewhere.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@org.springframework.test.annotation.DirtiesContext // frees the port the realm's clients are registered for
class PortalBrowserTest extends HubTestBase {

    private static final Path DATA_DIR = tempDir();
    private static final String HUB = TestKeycloak.portalHubUrl();

    @RegisterExtension
    static final Browser BROWSER = new Browser();

    private static DepartmentPortals departmentPortals;
    private static final LegacyPortal LEGACY = startLegacyPortal();

    private static LegacyPortal startLegacyPortal() {
        try {
            return LegacyPortal.start(0, LegacyPortal.DEMO_SECRET);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void portalContext(DynamicPropertyRegistry registry) {
        registry.add("tongban.data-dir", DATA_DIR::toString);
        // the realm's portal clients are registered for exactly these addresses
        registry.add("server.port", TestKeycloak::portalHubPort);
        for (int i = 0; i < DepartmentPortal.ALL.size(); i++) {
            DepartmentPortal portal = DepartmentPortal.ALL.get(i);
            registry.add("tongban.portal.department-portals[" + i + "].name", portal::title);
            registry.add("tongban.portal.department-portals[" + i + "].url", () -> portalUrl(portal));
        }
        registry.add("tongban.gateway.portals.market-regulation.url", () -> "http://127.0.0.1:" + LEGACY.port());
        // a legacy portal that is down (nothing listens on port 1)
        registry.add("tongban.gateway.portals.closed-portal.url", () -> "http://127.0.0.1:1");
        registry.add("tongban.gateway.portals.closed-portal.audience", () -> "legacy-closed-portal");
        registry.add("tongban.gateway.portals.closed-portal.secret", () -> "test-only-closed-portal-gateway-secret-0123");
    }

    private static String portalUrl(DepartmentPortal portal) {
        return DepartmentPortals.url(portal);
    }

    @BeforeAll
    static void startDepartmentPortals() {
        departmentPortals = DepartmentPortals.start(HUB);
    }

    @AfterAll
    static void closeBrowserAndPortals() {
        BROWSER.close();
        departmentPortals.close();
        LEGACY.close();
    }

    @BeforeEach
    void freshBrowser() {
        BROWSER.restart();
    }

    private WebDriver browser() {
        return BROWSER.driver();
    }

    private void signIn(String user) {
        BROWSER.signIn(user);
    }

    private boolean askedToSignIn() {
        return BROWSER.onSignInForm();
    }

    private void awaitSignInForm() {
        new WebDriverWait(browser(), Duration.ofSeconds(15)).until(d -> askedToSignIn());
    }

    @Test
    void aCitizenSignsInOnceAndSeesThemselvesAndWhoUsedTheirData() throws Exception {
        // a department call about zhangsan, so that the trail has something to show
        assertThat(call("zhangsan", "public-security/identity-verification",
                "{\"name\": \"张三\", \"idNumber\": \"460100199001011230\"}").getStatusCode().value()).isEqualTo(200);

        browser().get(HUB + "/portal");
        signIn("zhangsan");

        assertThat(BROWSER.text("name")).isEqualTo("张三");
        assertThat(BROWSER.text("id-number")).isEqualTo("4601**********1230");
        assertThat(BROWSER.text("real-name-level")).isEqualTo("3 级");
        assertThat(BROWSER.text("data-usage")).as("in words: who, which department, which data")
                .contains("海口市公安局", "身份核验", "通办命令行工具（演示）", "已提供")
                .doesNotContain("public-security", "identity-verification", "tongban-cli", "OK");
        assertThat(BROWSER.text("data-usage-coverage")).as("what the trail covers, and how to ask for older uses")
                .contains("近 180 天", "已归档保存 3 年", "12345");
        assertThat(browser().getPageSource()).doesNotContain("460100199001011230");

        // the same Keycloak session signs the citizen into Keycloak's own account app: no second password
        browser().get(TestKeycloak.issuer() + "/account");
        new WebDriverWait(browser(), Duration.ofSeconds(15)).until(d -> d.getCurrentUrl().contains("/account")
                && !d.getCurrentUrl().contains("/protocol/openid-connect/auth"));
        // the account app finishes its own code exchange in the page: it must stay signed in while it does
        await().pollInSameThread().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10))
                .until(() -> !askedToSignIn());
        assertThat(askedToSignIn()).isFalse();
    }

    @Test
    void oneLoginOpensEveryDepartmentPortalAsThatPersonAndOneLogoutClosesThemAll() {
        browser().get(HUB + "/portal");
        signIn("zhangsan");
        assertThat(BROWSER.text("name")).isEqualTo("张三");
        assertThat(BROWSER.text("department-portals")).contains("电子税务局", "社保网上服务", "网上办事大厅", "交管服务");

        for (DepartmentPortal portal : DepartmentPortal.ALL) {
            browser().get(portalUrl(portal));
            assertThat(BROWSER.text("name")).as(portal.department() + ": signed in without a second password").isEqualTo("张三");
            assertThat(askedToSignIn()).isFalse();
            if (portal.department().equals("public-security")) {
                assertThat(BROWSER.text("service-data")).as("the hub's answer for 张三, in the department's words")
                        .contains("张三", "户籍地址", "与户主关系").doesNotContain("registeredAddress", "headOfHousehold");
            } else if (portal.department().equals("traffic-police")) {
                assertThat(BROWSER.text("service-data")).as("交警: 张三's violations, in the traffic police's words")
                        .contains("违法行为", "驾驶机动车违反道路交通信号灯通行", "处罚决定书编号", "4601002026112801", "否")
                        .doesNotContain("paymentReference", "false");
            } else {
                // tax and social insurance need a level-3 sign-in; the password was level 2
                assertThat(BROWSER.text("step-up")).as(portal.department()).contains("3");
            }
        }
        assertThat(browser().getPageSource()).doesNotContain("460100199001011230");

        browser().get(portalUrl(DepartmentPortal.ALL.get(0)));
        browser().findElement(By.id("logout")).click(); // log out at the tax portal only
        awaitSignInForm();

        browser().get(HUB + "/portal");
        awaitSignInForm();
        for (DepartmentPortal portal : DepartmentPortal.ALL) {
            browser().get(portalUrl(portal));
            awaitSignInForm();
            assertThat(askedToSignIn()).as(portal.department() + " asks for login again").isTrue();
        }
    }

    @Test
    void theLegacyPortalKnowsThePersonThroughTheGatewayAndIgnoresAnIdentityHeaderFromOutside() throws Exception {
        browser().get(HUB + "/portals/market-regulation/");
        signIn("zhangsan"); // the gateway is behind the hub's own login, which returns to the page asked for
        new WebDriverWait(browser(), Duration.ofSeconds(15)).until(ExpectedConditions.urlContains(
                HUB + "/portals/market-regulation/"));
        assertThat(BROWSER.text("path")).isEqualTo("/");
        browser().get(HUB + "/portals/market-regulation/qyxx/list");
        assertThat(BROWSER.text("name")).isEqualTo("张三");
        assertThat(BROWSER.text("path")).isEqualTo("/qyxx/list");

        // the browser's session, with a (genuinely signed, leaked) identity header for someone else added
        String session = browser().manage().getCookieNamed("JSESSIONID").getValue();
        String lisi = legacyIdentity("lisi", "李四", LegacyPortal.AUDIENCE, LegacyPortal.DEMO_SECRET, 60);
        HttpResponse<String> throughHub = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(HUB + "/portals/market-regulation/"))
                .header("Cookie", "JSESSIONID=" + session).header("X-Tongban-Identity", lisi).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(throughHub.statusCode()).isEqualTo(200);
        assertThat(throughHub.body()).contains("张三").doesNotContain("李四");
        assertThat(throughHub.headers().allValues("Set-Cookie")).as("the portal's own session stays behind the gateway")
                .noneMatch(cookie -> cookie.contains("ASP.NET_SessionId"));
        assertThat(throughHub.headers().firstValue("X-Powered-By")).isEmpty();

        // a portal the hub does not know, and one that is down: pages in Chinese, never a stack trace
        HttpResponse<String> unknown = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(HUB + "/portals/nowhere/")).header("Cookie", "JSESSIONID=" + session).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("没有这个部门门户");
        HttpResponse<String> down = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(HUB + "/portals/closed-portal/")).header("Cookie", "JSESSIONID=" + session).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(down.statusCode()).isEqualTo(502);
        assertThat(down.body()).contains("部门门户暂时无法访问");
    }

    @Test
    void theLegacyPortalsOwnFormWorksThroughTheGatewayButNotFromAnotherSite() throws Exception {
        browser().get(HUB + "/portals/market-regulation/");
        signIn("zhangsan");
        browser().findElement(By.id("to-name-check")).click();
        BROWSER.visible("qymc").sendKeys("海口椰风数字科技");
        browser().findElement(By.id("submit-name")).click();

        assertThat(BROWSER.text("receipt")).isEqualTo("已受理：张三 申报的企业名称「海口椰风数字科技」");
        assertThat(browser().getCurrentUrl()).isEqualTo(HUB + "/portals/market-regulation/name-check");

        // the same session, the same form, posted from another site's page (or with no origin at all): refused
        String session = browser().manage().getCookieNamed("JSESSIONID").getValue();
        for (String origin : new String[]{"http://evil.example", null}) {
            HttpRequest.Builder forged = HttpRequest.newBuilder(URI.create(HUB + "/portals/market-regulation/name-check"))
                    .header("Cookie", "JSESSIONID=" + session)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("qymc=%E5%86%92%E5%90%8D"));
            if (origin != null) {
                forged.header("Origin", origin);
            }
            HttpResponse<String> refused = HttpClient.newHttpClient().send(forged.build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as("Origin " + origin).isEqualTo(403);
            assertThat(refused.body()).doesNotContain("已受理");
        }
        // from this host, but more than a form of the portal's can be (64 KB): refused before it goes anywhere
        HttpResponse<String> tooLarge = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(HUB + "/portals/market-regulation/name-check"))
                .header("Cookie", "JSESSIONID=" + session).header("Origin", HUB)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("qymc=" + "A".repeat(70 * 1024))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.body()).contains("提交的内容过大").doesNotContain("已受理");
    }

    @Test
    void theLegacyPortalRefusesIdentityHeadersTheHubDidNotSignForIt() throws Exception {
        String direct = "http://127.0.0.1:" + LEGACY.port() + "/";
        assertThat(legacyStatus(direct, legacyIdentity("zhangsan", "张三", LegacyPortal.AUDIENCE,
                LegacyPortal.DEMO_SECRET, 60))).as("the real thing").isEqualTo(200);
        assertThat(legacyStatus(direct, null)).as("no header").isEqualTo(401);
        assertThat(legacyStatus(direct, legacyIdentity("zhangsan", "张三", LegacyPortal.AUDIENCE,
                "not-the-shared-secret-not-the-shared-secret", 60))).as("forged").isEqualTo(401);
        assertThat(legacyStatus(direct, legacyIdentity("zhangsan", "张三", "legacy-some-other-portal",
                LegacyPortal.DEMO_SECRET, 60))).as("for another portal").isEqualTo(401);
        assertThat(legacyStatus(direct, legacyIdentity("zhangsan", "张三", LegacyPortal.AUDIENCE,
                LegacyPortal.DEMO_SECRET, -120))).as("expired").isEqualTo(401);
    }

    private static int legacyStatus(String url, String identity) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (identity != null) {
            request.header("X-Tongban-Identity", identity);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String legacyIdentity(String user, String name, String audience, String secret, long ttlSeconds)
            throws Exception {
        long now = System.currentTimeMillis() / 1000;
        com.nimbusds.jwt.SignedJWT jwt = new com.nimbusds.jwt.SignedJWT(
                new com.nimbusds.jose.JWSHeader(com.nimbusds.jose.JWSAlgorithm.HS256),
                new com.nimbusds.jwt.JWTClaimsSet.Builder().issuer("tongban-hub").audience(audience)
                        .issueTime(new java.util.Date(Math.min(now, now + ttlSeconds - 60) * 1000))
                        .expirationTime(new java.util.Date((now + ttlSeconds) * 1000))
                        .claim("preferred_username", user).claim("name", name).build());
        jwt.sign(new com.nimbusds.jose.crypto.MACSigner(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    @Test
    void aServiceThatNeedsAHigherRealNameLevelSaysSoOnTheDepartmentPortal() {
        browser().get(portalUrl(DepartmentPortal.ALL.get(0))); // tax clearance needs level 3; lisi has 2
        signIn("lisi");

        assertThat(BROWSER.text("name")).isEqualTo("李四");
        assertThat(BROWSER.text("service-problem")).contains("实名认证等级").doesNotContain("REAL_NAME_LEVEL_TOO_LOW");
    }

    @Test
    void aLevelThreeServiceAsksTheSignedInCitizenForTheOneTimeCodeOnlyAndThenAnswers() {
        browser().get(portalUrl(DepartmentPortal.ALL.get(0))); // tax clearance needs level 3; zhangsan is verified to 3
        signIn("zhangsan");
        assertThat(BROWSER.text("sign-in-level")).isEqualTo("2");
        assertThat(BROWSER.text("step-up")).contains("3");
        assertThat(browser().getPageSource()).doesNotContain("id=\"service-data\"");

        browser().findElement(By.id("step-up-link")).click();
        WebElement code = new WebDriverWait(browser(), Duration.ofSeconds(15))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("otp")));
        assertThat(browser().getCurrentUrl()).startsWith(TestKeycloak.issuer());
        assertThat(browser().findElements(By.id("password"))).as("no second password, only the code").isEmpty();
        code.sendKeys(DemoOneTimeCodes.fresh("zhangsan"));
        browser().findElement(By.id("kc-login")).click();

        assertThat(BROWSER.text("sign-in-level")).isEqualTo("3");
        assertThat(BROWSER.text("service-data")).contains("张三", "完税证明号").doesNotContain("certificateNo");
        assertThat(browser().getPageSource()).doesNotContain("id=\"step-up\"");
    }

    @Test
    void loggingOutOfThePortalEndsTheKeycloakSessionToo() {
        browser().get(HUB + "/portal");
        signIn("lisi");
        assertThat(BROWSER.text("real-name-level")).isEqualTo("2 级");

        browser().findElement(By.id("logout")).click();

        awaitSignInForm(); // back at the portal, which sends the signed-out citizen to Keycloak's login
        browser().get(TestKeycloak.issuer() + "/account");
        awaitSignInForm();
        assertThat(askedToSignIn()).as("Keycloak's session ended with the portal's").isTrue();
    }

    @Test
    void whenTheSessionEndsElsewhereKeycloakTellsThePortalAndItAsksForLoginAgain() throws Exception {
        browser().get(HUB + "/portal");
        signIn("zhangsan");
        assertThat(BROWSER.text("name")).isEqualTo("张三");

        endKeycloakSessionsOf("zhangsan"); // as an administrator (or another portal's logout) would

        browser().navigate().refresh();
        awaitSignInForm();
        assertThat(askedToSignIn()).as("the portal's own session was ended by back-channel logout").isTrue();
    }

    private void type(String id, String value) {
        WebElement field = browser().findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    private JsonNode caseAsApi(String user, String number) throws Exception {
        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        headers.setBearerAuth(tongban.hub.support.Tokens.of(user));
        return json.readTree(http.exchange("/api/v1/cases/" + number, org.springframework.http.HttpMethod.GET,
                new org.springframework.http.HttpEntity<>(headers), String.class).getBody());
    }

    private void awaitDelivered(String user, String partNumber, String parent) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (JsonNode part : caseAsApi(user, parent).path("parts")) {
                if (part.at("/summary/caseNumber").asText().equals(partNumber)) {
                    return !part.path("departmentRef").isNull();
                }
            }
            return false;
        });
    }

    @Test
    void aHandlerAppliesForEnterpriseOpeningOnceAndFollowsEveryDepartmentToTheEnd() throws Exception {
        browser().get(HUB + "/portal/services");
        signIn("chenjing");
        type("q", "企业开办");
        browser().findElement(By.id("search")).click();
        new WebDriverWait(browser(), Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("q="));
        browser().findElement(By.id("apply-enterprise-opening")).click();
        type("form-enterpriseName", "海口市椰岛数据服务有限公司");
        type("form-registeredCapital", "50");
        type("form-address", "海南省海口市美兰区海甸岛人民大道58号");
        type("form-businessScope", "数据处理和存储支持服务");
        type("form-legalRepresentative", "陈静");
        type("form-legalRepresentativeIdNumber", "460100199203154520");
        type("form-invoiceCount", "25");
        type("form-employees", "5");
        browser().findElement(By.id("consent-public-security-household-registration")).click();
        browser().findElement(By.id("submit-application")).click();

        assertThat(BROWSER.text("notice")).contains("申请已提交");
        String number = BROWSER.text("case-number");
        assertThat(BROWSER.text("case-status")).isEqualTo("已提交");
        assertThat(BROWSER.text("parts")).contains("企业设立登记", "公章刻制备案", "新办纳税人涉税事项", "单位参保登记",
                "海口市市场监督管理局", "海口市公安局");

        // the departments decide: registration first (with the new credit code), then the other three
        tongban.hub.support.DepartmentSystems departments = new tongban.hub.support.DepartmentSystems(http);
        awaitDelivered("chenjing", number + "-01", number);
        String code = "91460100MA5TYD0" + "02";
        code = code.substring(0, 17) + tongban.adapters.support.UnifiedSocialCreditCode.checkCharacter(code.substring(0, 17));
        tongban.hub.support.DepartmentSystems.taken(departments.registration(number + "-01", "04",
                ",\"tyshxydm\":\"" + code + "\""));
        for (String part : List.of("-02", "-03", "-04")) {
            awaitDelivered("chenjing", number + part, number);
        }
        browser().navigate().refresh();
        assertThat(BROWSER.text("case-status")).isEqualTo("办理中");
        assertThat(BROWSER.text("remaining")).endsWith("个工作日");
        tongban.hub.support.DepartmentSystems.taken(departments.seal(number + "-02", "2", ",\"yzbm\":\"4601000999001\""));
        tongban.hub.support.DepartmentSystems.taken(departments.tax(number + "-03", "W", ",\"fpdm\":\"FP-0002\""));
        tongban.hub.support.DepartmentSystems.taken(departments.insurance(number + "-04", "30", ",\"cbbh\":\"4601009\""));

        browser().navigate().refresh();
        assertThat(BROWSER.text("case-status")).isEqualTo("办结（准予）");
        assertThat(BROWSER.text("parts")).contains(code, "4601000999001");
        assertThat(BROWSER.text("materials")).contains("申请人户籍信息", "数据共享获取", "海口市公安局");
        assertThat(BROWSER.text("history")).contains("已办结", "平台");
        assertThat(browser().getPageSource()).as("no codes, keys or client ids on a citizen's page")
                .doesNotContain("public-security", "enterprise-registration", "DEPARTMENT_", "CORRECTION_REQUESTED\"",
                        "tongban-hub", "portal-tax");

        browser().findElement(By.id("nav-cases")).click();
        new WebDriverWait(browser(), Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("/portal/cases"));
        assertThat(BROWSER.text("my-cases")).contains(number, "企业开办一件事", "办结（准予）");
    }

    @Test
    void windowStaffTakeInAWalkInApplicantAndDecideAtTheWindow() throws Exception {
        browser().get(HUB + "/portal/window");
        signIn("wangwu");
        browser().findElement(By.id("walk-in-11460100008256386X4000105001000")).click();
        type("applicant-name", "李四");
        type("applicant-id-number", "460100198506152341");
        browser().findElement(By.id("consent-public-security-household-registration")).click();
        browser().findElement(By.id("submit-application")).click();
        String number = BROWSER.text("case-number");
        assertThat(BROWSER.text("case-status")).isEqualTo("已提交");

        browser().findElement(By.id("nav-window")).click();
        new WebDriverWait(browser(), Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("/portal/window"));
        assertThat(BROWSER.text("queue-" + number)).contains("居民身份证换领", "李四", "窗口");
        new org.openqa.selenium.support.ui.Select(browser().findElement(By.id("decision-" + number))).selectByValue("accept");
        browser().findElement(By.id("decide-" + number)).click();
        new WebDriverWait(browser(), Duration.ofSeconds(10)).until(d -> d.getPageSource().contains("id=\"notice\""));
        assertThat(BROWSER.text("notice")).contains(number);
        assertThat(BROWSER.text("queue-" + number)).contains("已受理", "剩 ");

        // the case lets the window read the applicant's household registration — and nothing else
        assertThat(call("wangwu", "public-security/household-registration", "{\"idNumber\": \"460100198506152341\"}",
                java.util.Map.of("X-Case-Id", number)).getStatusCode().value()).isEqualTo(200);
        assertThat(call("wangwu", "public-security/identity-verification",
                "{\"name\": \"李四\", \"idNumber\": \"460100198506152341\"}",
                java.util.Map.of("X-Case-Id", number)).getStatusCode().value()).as("no consent for that one").isEqualTo(403);

        new org.openqa.selenium.support.ui.Select(browser().findElement(By.id("decision-" + number))).selectByValue("approve");
        browser().findElement(By.id("decide-" + number)).click();
        new WebDriverWait(browser(), Duration.ofSeconds(10)).until(d -> d.getPageSource().contains("暂无待办办件"));
        assertThat(browser().getPageSource()).as("finished: off the queue").doesNotContain("queue-" + number);
    }

    @Test
    void theApplicantRatesAFinishedCaseFromTheReceiptsCodeAndABadRatingIsFollowedUp() throws Exception {
        String number = tongban.hub.support.WindowCases.contributionCertificate(http, json, "wangwu",
                "460100199001011230", "张三");
        for (String decision : List.of("{\"decision\":\"accept\"}", "{\"decision\":\"approve\",\"result\":\"JF0002\"}")) {
            assertThat(tongban.hub.support.WindowCases.post(http, tongban.hub.support.Tokens.of("wangwu"),
                    "/api/v1/cases/" + number + "/decision", decision).getStatusCode().value()).isEqualTo(200);
        }
        browser().get(HUB + "/portal/cases/" + number + "?via=qr");
        signIn("zhangsan");
        new WebDriverWait(browser(), Duration.ofSeconds(10)).until(d -> d.getPageSource().contains("id=\"rate\""));
        assertThat(BROWSER.text("rating-url")).isEqualTo(HUB + "/portal/cases/" + number + "?via=qr"); // what the receipt's code says
        assertThat(browser().findElement(By.cssSelector("#rating-qr-code path")).getAttribute("d")).startsWith("M4 4h1v1h-1z");
        browser().findElement(By.id("rate-level-2")).click();
        new org.openqa.selenium.support.ui.Select(browser().findElement(By.id("rate-attitude"))).selectByValue("1");
        type("rate-comment", "<b>窗口等了两个小时</b>");
        browser().findElement(By.id("rate-submit")).click();
        new WebDriverWait(browser(), Duration.ofSeconds(10)).until(d -> d.getPageSource().contains("id=\"notice\""));
        assertThat(BROWSER.text("notice")).isEqualTo("感谢您的评价");
        WebElement given = browser().findElement(By.id("rating-RATING"));
        assertThat(given.getText()).contains("不满意", "<b>窗口等了两个小时</b>"); // shown as the words typed
        assertThat(given.findElements(By.tagName("b"))).hasSize(1); // the page's own label only, no markup of theirs
        assertThat(BROWSER.text("follow-up-status")).isEqualTo("待响应");
        assertThat(browser().getPageSource()).doesNotContain("id=\"rate\""); // once
        JsonNode ratings = json.readTree(http.exchange("/api/v1/cases/" + number + "/ratings",
                org.springframework.http.HttpMethod.GET, new org.springframework.http.HttpEntity<>(
                        tongban.hub.support.Tokens.bearer("zhangsan")), String.class).getBody());
        assertThat(ratings.get(0).path("channel").asText()).isEqualTo("MOBILE");
        assertThat(ratings.get(0).path("indicators").path("attitude").asInt()).isEqualTo(1);
    }

    /** Keycloak's admin API (the local server's DEMO ONLY admin): ends every session of the user. */
    private void endKeycloakSessionsOf(String username) throws Exception {
        new KeycloakAdmin("tongban").logout(username);
    }
}
