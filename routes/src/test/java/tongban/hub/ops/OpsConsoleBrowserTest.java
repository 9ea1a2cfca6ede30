package tongban.hub.ops;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
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
}
