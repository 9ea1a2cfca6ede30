package tongban.hub.portal;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
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
import tongban.hub.support.HubTestBase;
import tongban.hub.support.KeycloakAdmin;
import tongban.hub.support.TestKeycloak;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Someone without a provincial account registers on Keycloak's own page (real Keycloak, real Chromium): level 2,
 * self-declared; the portal's 实名核验 asks public security through the exchange (the hub as itself, in the person's
 * data-usage trail) and only a match raises them to level 3. A wrong name stays at level 2 with the register's
 * reason, a few times a day at most; one id number, one account; the realm's password policy holds.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@org.springframework.test.annotation.DirtiesContext // frees the port the realm's clients are registered for
class RegistrationBrowserTest extends HubTestBase {

    private static final Path DATA_DIR = tempDir();
    private static final String HUB = TestKeycloak.portalHubUrl();
    /** Known to the population register (the public-security stubs) as 周一 and as 吴三. */
    private static final String ZHOU_YI = "460106198507074419";
    private static final String WU_SAN = "460107199309095527";
    private static final String PASSWORD = "Tongban2026ok";

    @RegisterExtension
    static final Browser BROWSER = new Browser();

    private final KeycloakAdmin realm = new KeycloakAdmin("tongban");

    @DynamicPropertySource
    static void portalContext(DynamicPropertyRegistry registry) {
        registry.add("tongban.data-dir", DATA_DIR::toString);
        registry.add("server.port", TestKeycloak::portalHubPort);
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

    /** From the portal to Keycloak's registration page, the form filled in and sent. */
    private void register(Map<String, String> fields) {
        browser().get(HUB + "/portal");
        new WebDriverWait(browser(), Duration.ofSeconds(15)).until(d -> BROWSER.onSignInForm());
        browser().findElement(By.cssSelector("#kc-registration a")).click();
        new WebDriverWait(browser(), Duration.ofSeconds(15))
                .until(d -> d.getPageSource().contains("id=\"kc-register-form\""));
        fields.forEach((field, value) -> browser().findElement(By.id(field)).sendKeys(value));
        browser().findElement(By.cssSelector("#kc-register-form [type=submit]")).click();
    }

    /** 申请实名核验, and the page it leads to (the old page gone first: never a click on a page being replaced). */
    private void askForTheCheck() {
        WebElement button = browser().findElement(By.id("verify-real-name"));
        button.click();
        new WebDriverWait(browser(), Duration.ofSeconds(15)).until(ExpectedConditions.stalenessOf(button));
    }

    private static Map<String, String> person(String username, String family, String given, String idNumber,
                                              String password) {
        return Map.of("username", username, "lastName", family, "firstName", given, "id_number", idNumber,
                "phone", "13912345678", "password", password, "password-confirm", password);
    }

    @Test
    void aNewPersonRegistersAtLevelTwoAndPublicSecuritysCheckRaisesThemToThree() throws Exception {
        register(person("zhouyi", "周", "一", ZHOU_YI, PASSWORD));

        assertThat(BROWSER.text("name")).isEqualTo("周一");
        assertThat(BROWSER.text("real-name-level")).as("self-declared").isEqualTo("2 级");
        JsonNode account = realm.user("zhouyi");
        assertThat(account.path("attributes").path("real_name_source").get(0).asText()).isEqualTo("self-declared");
        assertThat(account.path("attributes").path("id_number").get(0).asText()).isEqualTo(ZHOU_YI);

        askForTheCheck();

        assertThat(BROWSER.text("real-name-level")).as("checked against the population register").isEqualTo("3 级");
        assertThat(browser().getPageSource()).doesNotContain("id=\"verify-real-name\"");
        assertThat(BROWSER.text("data-usage")).as("the check is in the person's own trail, in words")
                .contains("通办平台（实名核验）", "海口市公安局", "身份核验", "已提供");
        assertThat(realm.user("zhouyi").path("attributes").path("real_name_source").get(0).asText())
                .isEqualTo("public-security");
    }

    @Test
    void aWrongNameStaysAtLevelTwoWithTheRegistersReasonAndTheChecksAreLimitedADay() throws Exception {
        register(person("wuer", "吴", "二", WU_SAN, PASSWORD)); // the register knows this number as 吴三

        askForTheCheck();
        assertThat(BROWSER.text("real-name-result")).contains("姓名与公民身份号码不一致", "2 级", "还可核验 2 次");
        assertThat(BROWSER.text("real-name-level")).isEqualTo("2 级");

        askForTheCheck();
        askForTheCheck();
        askForTheCheck();
        assertThat(BROWSER.text("real-name-result")).contains("核验次数已用完");
        assertThat(realm.user("wuer").path("attributes").path("real_name_level").get(0).asText()).isEqualTo("2");
    }

    @Test
    void oneIdNumberIsOneAccountAndTheFormSaysNothingAboutWhoseItIs() throws Exception {
        register(person("zhangsan2", "张", "三", "460100199001011230", PASSWORD)); // zhangsan's number

        String page = browser().getPageSource();
        assertThat(page).contains("此身份证号码无法在此注册").doesNotContain("zhangsan@", "张三已");
        assertThat(realm.user("zhangsan2")).as("nothing half-created").isNull();
        assertThat(realm.usersWithAttribute("id_number", "460100199001011230")).hasSize(1);
    }

    @Test
    void aMistypedIdNumberIsRefusedInWords() throws Exception {
        register(person("typo", "周", "二", "460106198507074418", PASSWORD)); // the check digit is wrong

        assertThat(browser().getPageSource()).contains("公民身份号码不正确");
        assertThat(realm.user("typo")).isNull();
    }

    @Test
    void aPasswordUnderTheRealmsPolicyIsRefusedInWords() throws Exception {
        register(person("weak", "郑", "八", "460108199911116630", "demo")); // the demo accounts' password

        assertThat(browser().getPageSource()).contains("最短长度");
        assertThat(realm.user("weak")).isNull();
    }
}
