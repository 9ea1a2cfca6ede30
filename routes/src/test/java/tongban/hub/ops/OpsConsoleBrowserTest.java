package tongban.hub.ops;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tongban.hub.support.Browser;
import tongban.hub.support.HubTestBase;
import tongban.hub.support.TestKeycloak;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ops console in headless Chromium against the real Keycloak, hub and broker: only the role {@code ops} gets in;
 * every department is on the dashboard; dead letters made by a department that stays down are listed, replayed
 * (and then processed) or discarded with a reason, each action on record with the operator's name; the message log
 * is searched by request id and its chain verified from the page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@DirtiesContext // frees the port the realm's clients are registered for, for the next browser test class
class OpsConsoleBrowserTest extends HubTestBase {

    private static final Path DATA_DIR = tempDir();
    private static final String HUB = TestKeycloak.portalHubUrl();
    /** A project the department knows: down while the test needs dead letters, answering once it is back. */
    private static final String DOWN_PROJECT = "2020-460100-47-01-000123";

    @RegisterExtension
    static final Browser BROWSER = new Browser();

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void opsContext(DynamicPropertyRegistry registry) {
        registry.add("tongban.data-dir", DATA_DIR::toString);
        registry.add("server.port", TestKeycloak::portalHubPort);
        registry.add("tongban.monitoring.sample-interval", () -> "500ms");
    }

    @AfterAll
    static void closeBrowser() {
        BROWSER.close();
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

    private WebElement element(String id) {
        return BROWSER.visible(id);
    }

    private String status(String submissionId) {
        return jdbc.queryForObject("SELECT status FROM submission WHERE id = ?", String.class, submissionId);
    }

    private String submitToTheDownProject() throws Exception {
        ResponseEntity<String> accepted = call("zhangsan", "construction-approval/project-status/submissions",
                "{\"projectCode\": \"" + DOWN_PROJECT + "\"}");
        assertThat(accepted.getStatusCode().value()).as(accepted.getBody()).isEqualTo(202);
        return read(accepted).path("submissionId").asText();
    }

    @Test
    void opsStaffSeeEveryDepartmentAndACitizenIsTurnedAway() {
        browser().get(HUB + "/ops");
        signIn("zhaoliu");

        WebElement table = element("departments");
        for (String department : List.of("item-library", "public-security", "enterprise-registration",
                "construction-approval", "tax", "social-insurance")) {
            assertThat(table.findElement(By.id("department-" + department)).getText()).startsWith(department);
        }
        assertThat(table.findElement(By.id("department-tax")).findElement(By.className("circuit")).getText())
                .isEqualTo("CLOSED");
        assertThat(element("operator").getText()).isEqualTo("zhaoliu");

        // a wrong address on the console: a page in words, not problem JSON
        browser().get(HUB + "/ops/dead-letters-of-nowhere/x");
        assertThat(element("error-title").getText()).isEqualTo("页面不存在");
        assertThat(browser().getPageSource()).doesNotContain("\"code\"");

        BROWSER.restart();
        browser().get(HUB + "/ops");
        signIn("zhangsan");
        assertThat(element("denied").getText()).isEqualTo("无权访问");
        assertThat(browser().getPageSource()).doesNotContain("id=\"departments\"");
    }

    @Test
    void deadLettersAreListedMaskedAndReplayedOrDiscardedWithTheOperatorOnRecord() throws Exception {
        String path = "/gcjs/api/project/" + DOWN_PROJECT + "/progress";
        // a department that keeps answering with an error (one that is merely down is waited for instead)
        var outage = CONSTRUCTION_APPROVAL.stubFor(get(urlPathEqualTo(path)).atPriority(1).willReturn(aResponse().withStatus(500)
                .withBody("<html><body><h1>Whitelabel Error Page</h1>java.lang.NullPointerException</body></html>")));
        String first = submitToTheDownProject();
        String second = submitToTheDownProject();
        await().atMost(Duration.ofSeconds(30)).until(() -> status(first).equals("DEAD_LETTERED")
                && status(second).equals("DEAD_LETTERED"));
        CONSTRUCTION_APPROVAL.removeStub(outage); // the department is mended; the project now answers

        browser().get(HUB + "/ops");
        signIn("zhaoliu");
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            browser().navigate().refresh();
            return element("department-construction-approval").findElement(By.className("dead-letters")).getText()
                    .equals("2");
        });
        element("department-construction-approval").findElement(By.cssSelector(".dead-letters a")).click();

        assertThat(element("dead-letter-count").getText()).isEqualTo("2");
        WebElement firstRow = element("letter-" + first);
        assertThat(firstRow.findElement(By.className("reason")).getText()).isEqualTo("DEPARTMENT_ERROR");
        assertThat(firstRow.findElement(By.className("preview")).getText()).contains(DOWN_PROJECT);
        assertThat(firstRow.findElement(By.className("headers")).getText())
                .contains("from tongban.exchange.construction-approval");

        firstRow.findElement(By.className("replay")).click();
        assertThat(element("notice").getText()).contains(first);
        assertThat(element("dead-letter-count").getText()).isEqualTo("1");
        await().atMost(Duration.ofSeconds(20)).until(() -> status(first).equals("SUCCEEDED"));

        WebElement secondRow = element("letter-" + second);
        secondRow.findElement(By.className("reason-input")).sendKeys("重复提交，申请人已撤回");
        secondRow.findElement(By.className("discard")).click();
        assertThat(element("no-dead-letters").isDisplayed()).isTrue();
        assertThat(status(second)).isEqualTo("DISCARDED");

        String actions = element("actions").getText();
        assertThat(actions).contains("zhaoliu", "REPLAY", first, "DISCARD", second, "重复提交，申请人已撤回");
        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        headers.setBearerAuth(tongban.hub.support.Tokens.of("zhangsan"));
        JsonNode discarded = read(http.exchange("/api/v1/submissions/" + second,
                org.springframework.http.HttpMethod.GET, new org.springframework.http.HttpEntity<>(headers), String.class));
        assertThat(discarded.path("status").asText()).isEqualTo("DISCARDED");
    }

    @Test
    void theMessageLogIsSearchedByRequestIdAndItsChainVerifiedFromThePage() throws Exception {
        ResponseEntity<String> answered = call("zhangsan", "public-security/identity-verification",
                "{\"name\": \"张三\", \"idNumber\": \"460100199001011230\"}");
        String requestId = read(answered).path("requestId").asText();

        browser().get(HUB + "/ops/message-log");
        signIn("zhaoliu");
        element("q-request-id").sendKeys(requestId);
        element("search-button").click();

        List<WebElement> rows = new WebDriverWait(browser(), Duration.ofSeconds(15))
                .until(d -> d.findElements(By.cssSelector("#calls tr.call")).isEmpty() ? null
                        : d.findElements(By.cssSelector("#calls tr.call")));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).findElement(By.className("request-id")).getText()).isEqualTo(requestId);
        assertThat(rows.get(0).findElement(By.className("outcome")).getText()).isEqualTo("OK");
        assertThat(browser().getPageSource()).doesNotContain("460100199001011230");

        element("verify-chain").click();
        assertThat(element("verification").getText()).startsWith("完整");

        browser().get(HUB + "/ops/message-log?from=yesterday");
        assertThat(element("error").getText()).contains("时间格式");
    }

    @Test
    void theBureauReadsAQuartersFiguresAsChartsAndTakesThemAwayAsCsvAndExcel() {
        tongban.hub.support.StatisticsFixtures.insert(jdbc);
        browser().get(HUB + "/ops/statistics?from=2020-01-01&to=2020-03-31&department=construction-approval");
        signIn("sunba");
        assertThat(element("total-accepted").getText()).isEqualTo("5");
        BROWSER.screenshot("desk-statistics");
        assertThat(BROWSER.horizontalOverflow()).as("the statistics page scrolls sideways at 1280 px by")
                .isLessThanOrEqualTo(0);
        assertThat(element("total-finished").getText()).isEqualTo("4");
        assertThat(element("total-early-rate").getText()).isEqualTo("50.00%");
        assertThat(element("total-good-rate").getText()).isEqualTo("50.00%");
        assertThat(element("total-responded-rate").getText()).isEqualTo("60.00%");
        assertThat(browser().findElements(By.cssSelector("#month-chart rect"))).hasSize(6); // 3 months × 2 columns
        assertThat(element("early-bars").getText()).contains("海口市工程建设项目审批管理系统", "50.00%（2 / 4）");
        assertThat(element("row-2020-02").getText()).startsWith("2020年2月 1 1 2 1 2 0 50.00%");

        // the exports, fetched as the signed-in page fetches them
        JavascriptExecutor page = (JavascriptExecutor) browser();
        String csv = (String) page.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch(document.getElementById('export-csv').href).then(r => r.text()).then(done);");
        assertThat(csv).contains("范围,名称,受理,不予受理,办结", "合计,海口市工程建设项目审批管理系统,5,1,4,2,3,1,50.00,75.00,7.75");
        @SuppressWarnings("unchecked")
        List<Object> xlsx = (List<Object>) page.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch(document.getElementById('export-xlsx').href).then(r => r.arrayBuffer().then(b => done(["
                + "r.headers.get('content-type'), decodeURIComponent(r.headers.get('content-disposition').split(\"''\")[1]),"
                + "new Uint8Array(b)[0], new Uint8Array(b)[1], b.byteLength])));");
        assertThat(xlsx.get(0)).isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(xlsx.get(1)).isEqualTo("政务服务统计_construction-approval_2020-01-01_2020-03-31.xlsx");
        assertThat(List.of(xlsx.get(2), xlsx.get(3))).containsExactly(80L, 75L); // "PK": a zip, as .xlsx is
        String ledger = (String) page.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch(document.getElementById('export-ledger').href).then(r => r.text()).then(done);");
        assertThat(ledger.split("\r?\n")).hasSize(6);

        browser().get(HUB + "/ops/statistics?from=2020-03-31&to=2020-01-01");
        assertThat(element("error").getText()).contains("统计范围不正确");
        browser().get(HUB + "/ops"); // the bureau reads figures, not the exchange
        assertThat(element("denied").getText()).isEqualTo("无权访问");
    }

    @Test
    void theDispatcherSeesEscalatedOrdersFirstMaskedAndDecidesATransfer() {
        String hotlineNumber = "RX" + System.nanoTime();
        tongban.hub.support.DepartmentSystems systems = new tongban.hub.support.DepartmentSystems(http);
        assertThat(systems.notice("hotline-12345-system", "demo-only-hotline-12345-secret", "hotline-12345/work-order",
                "{\"tzid\":\"TZ-" + java.util.UUID.randomUUID() + "\",\"gdbh\":\"" + hotlineNumber + "\",\"sqlx\":\"2\","
                        + "\"sqbt\":\"二手房过户咨询\",\"sqnr\":\"我家住在滨海大道8号，想问过户要带什么\",\"ldr\":\"王芳\","
                        + "\"lddh\":\"13698761234\",\"cbdw\":\"SWJ\"}").getStatusCode().value()).isEqualTo(202);
        String number = jdbc.queryForObject("SELECT order_number FROM work_order WHERE source_ref = ?", String.class,
                hotlineNumber);
        assertThat(systems.notice("tax-system", "demo-only-tax-system-secret", "tax/work-order-status",
                "{\"tzlsh\":\"SWGD-" + java.util.UUID.randomUUID() + "\",\"gdbh\":\"" + number + "\",\"czlx\":\"TH\","
                        + "\"clyj\":\"过户由不动产登记中心办理\",\"jycbdw\":\"BDCDJZX\",\"clsj\":\"2026-11-30 10:00:00\"}")
                .getStatusCode().value()).isEqualTo(202);

        browser().get(HUB + "/ops/work-orders");
        signIn("zhaoliu");
        WebElement row = element("order-" + number);
        assertThat(row.getText()).contains("求助", "二手房过户咨询", "王*", "136****1234", "申请转办至 海口市不动产登记中心")
                .doesNotContain("滨海大道", "王芳");
        row.findElement(By.className("approve")).click();
        new WebDriverWait(browser(), Duration.ofSeconds(10)).until(d -> d.getPageSource().contains("class=\"notice\""));
        assertThat(element("order-" + number).getText()).contains("海口市不动产登记中心", "待响应");
    }
}
