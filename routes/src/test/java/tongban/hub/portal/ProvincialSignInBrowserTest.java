package tongban.hub.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tongban.hub.support.Browser;
import tongban.hub.support.DepartmentPortals;
import tongban.hub.support.HubTestBase;
import tongban.hub.support.KeycloakAdmin;
import tongban.hub.support.TestKeycloak;
import tongban.mocks.portals.DepartmentPortal;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person the city has never seen signs in with their provincial identity (the {@code province} realm on the same
 * real Keycloak plays the provincial platform), in headless Chromium: the level the province asserted, every
 * department portal without a second password, logout at the province ending them all — and the ways in that must
 * stay shut (an e-mail someone registered at the province, an unverified local account, the province's own tokens,
 * a forged callback, the province down).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@org.springframework.test.annotation.DirtiesContext // frees the port the realm's clients are registered for
class ProvincialSignInBrowserTest extends HubTestBase {

    private static final Path DATA_DIR = tempDir();
    private static final String HUB = TestKeycloak.portalHubUrl();
    private static final String PROVINCE = TestKeycloak.url() + "/realms/province";

    @RegisterExtension
    static final Browser BROWSER = new Browser();

    private static DepartmentPortals departmentPortals;
    private final KeycloakAdmin tongbanRealm = new KeycloakAdmin("tongban");

    @DynamicPropertySource
    static void portalContext(DynamicPropertyRegistry registry) {
        registry.add("tongban.data-dir", DATA_DIR::toString);
        registry.add("server.port", TestKeycloak::portalHubPort);
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
    }

    @BeforeEach
    void freshBrowser() {
        BROWSER.restart();
    }

    private WebDriver browser() {
        return BROWSER.driver();
    }

    private boolean onProvinceSignIn() {
        return browser().getCurrentUrl().startsWith(PROVINCE) && browser().getPageSource().contains("id=\"kc-login\"");
    }

    /** Signs in at the province's own login page (the province's password, never Tongban's). */
    private void signInAtProvince(String user) {
        new WebDriverWait(browser(), Duration.ofSeconds(15)).until(d -> onProvinceSignIn());
        browser().findElement(By.id("username")).sendKeys(user);
        browser().findElement(By.id("password")).sendKeys("demo");
        browser().findElement(By.id("kc-login")).click();
    }

    /** From Tongban's login page: the province's button. */
    private void chooseProvinceOnTongbansLoginPage() {
        new WebDriverWait(browser(), Duration.ofSeconds(15)).until(d -> BROWSER.onSignInForm());
        assertThat(browser().findElement(By.id("social-province")).getText()).contains("省统一身份认证");
        browser().findElement(By.id("social-province")).click();
    }

    private void awaitTongbanSignInForm() {
        new WebDriverWait(browser(), Duration.ofSeconds(15)).until(d -> BROWSER.onSignInForm());
    }

    @Test
    void aCitizenWithOnlyAProvincialAccountSignsInThroughTheProvinceAndOneLogoutThereEndsEveryPortal() {
        browser().get(HUB + "/portal?idp=province"); // the hint: straight to the province, no Tongban login page
        signInAtProvince("wangfang");

        assertThat(BROWSER.text("name")).isEqualTo("王芳");
        assertThat(BROWSER.text("id-number")).isEqualTo("4601**********1235");
        assertThat(BROWSER.text("real-name-level")).as("the level the province asserted (L3)").isEqualTo("3 级");

        for (DepartmentPortal portal : DepartmentPortal.ALL) {
            browser().get(portalUrl(portal));
            assertThat(BROWSER.text("name")).as(portal.department() + ": signed in without a second password").isEqualTo("王芳");
            assertThat(BROWSER.text("sign-in-level")).as(portal.department() + ": acr as the province asserted it").isEqualTo("3");
            assertThat(browser().getPageSource()).as(portal.department() + ": a level-3 service asks for no step-up")
                    .doesNotContain("id=\"step-up\"");
        }

        // logging out at the province: its back-channel logout ends the Tongban session, and Tongban's every portal's
        browser().get(PROVINCE + "/protocol/openid-connect/logout");
        browser().findElement(By.id("kc-logout")).click();
        new WebDriverWait(browser(), Duration.ofSeconds(15)).until(d -> !d.getPageSource().contains("id=\"kc-logout\""));

        browser().get(HUB + "/portal");
        awaitTongbanSignInForm();
        for (DepartmentPortal portal : DepartmentPortal.ALL) {
            browser().get(portalUrl(portal));
            awaitTongbanSignInForm();
            assertThat(BROWSER.onSignInForm()).as(portal.department() + " asks for login again").isTrue();
        }
    }

    @Test
    void loggingOutInTongbanEndsTheProvincialSessionToo() {
        browser().get(HUB + "/portal?idp=province");
        signInAtProvince("wangfang");
        assertThat(BROWSER.text("name")).isEqualTo("王芳");

        browser().findElement(By.id("logout")).click(); // the hub portal's logout: Tongban's session, then the province's
        awaitTongbanSignInForm();

        browser().get(PROVINCE + "/account");
        new WebDriverWait(browser(), Duration.ofSeconds(15)).until(d -> onProvinceSignIn());
        assertThat(onProvinceSignIn()).as("the province asks for its password again").isTrue();
    }

    @Test
    void aVerifiedLocalAccountIsLinkedByItsIdNumberAndUsesALevelThreeServiceWithoutAOneTimeCode() throws Exception {
        browser().get(portalUrl(DepartmentPortal.ALL.get(0))); // tax: tax clearance needs level 3
        chooseProvinceOnTongbansLoginPage();
        signInAtProvince("zhangsan"); // the province's 张三: the same id number, asserted at L3

        assertThat(BROWSER.text("name")).isEqualTo("张三");
        assertThat(BROWSER.text("sign-in-level")).isEqualTo("3");
        assertThat(BROWSER.text("service-data")).as("answered at the level the province proved")
                .contains("张三", "完税证明号");

        JsonNode zhangsan = tongbanRealm.user("zhangsan");
        assertThat(tongbanRealm.usersWithAttribute("id_number", "460100199001011230")).as("one id number, one account")
                .hasSize(1);
        assertThat(tongbanRealm.usersWithAttribute("id_number", "460100199001011230").get(0).path("id"))
                .isEqualTo(zhangsan.path("id"));
    }

    @Test
    void aProvincialAccountCarryingSomeoneElsesEmailGetsAnAccountOfItsOwnNeverTheirs() throws Exception {
        browser().get(HUB + "/portal?idp=province");
        signInAtProvince("mali"); // registered at the province with zhangsan's e-mail, asserted only at L2

        assertThat(BROWSER.text("name")).isEqualTo("马力");
        assertThat(BROWSER.text("real-name-level")).isEqualTo("2 级");
        assertThat(browser().getPageSource()).doesNotContain("张三", "1230");

        JsonNode mali = tongbanRealm.usersWithAttribute("id_number", "460102199503152247");
        assertThat(mali).hasSize(1);
        assertThat(mali.get(0).path("username").asText()).startsWith("province.");
        assertThat(mali.get(0).path("email").isMissingNode()).as("the province's e-mail is never taken").isTrue();
        assertThat(tongbanRealm.user("zhangsan").path("email").asText()).isEqualTo("zhangsan@demo.tongban.invalid");
    }

    @Test
    void anIdNumberHeldByAnUnverifiedLocalAccountIsNotLinkedAndNothingIsCreated() throws Exception {
        browser().get(HUB + "/portal?idp=province");
        signInAtProvince("lisi"); // the province asserts L3, but Tongban's 李四 was never verified (level 2)

        String page = browser().getPageSource();
        assertThat(page).contains("此身份证号码在本平台已有账号", "实名核验").doesNotContain("Exception", "at org.");
        assertThat(tongbanRealm.usersWithAttribute("id_number", "460100198506152341")).hasSize(1);
    }

    @Test
    void aLegalPersonLoginActsForItsEnterprise() {
        browser().get(HUB + "/portal?idp=province");
        signInAtProvince("liuyang");

        assertThat(BROWSER.text("name")).isEqualTo("刘洋");
        assertThat(BROWSER.text("acting-for")).contains("海南南海渔业科技有限公司", "91460100MA5T678909");
    }

    @Test
    void theProvinceDownGivesAReadablePageAndTheCitysOwnSignInStillWorks() throws Exception {
        ObjectNode province = tongbanRealm.identityProvider("province");
        String authorizationUrl = province.path("config").path("authorizationUrl").asText();
        ((ObjectNode) province.get("config")).put("authorizationUrl", "http://127.0.0.1:1/realms/province/auth");
        tongbanRealm.updateIdentityProvider(province);
        try {
            browser().get(HUB + "/portal");
            chooseProvinceOnTongbansLoginPage();
            new WebDriverWait(browser(), Duration.ofSeconds(15))
                    .until(d -> d.getPageSource().contains("省统一身份认证平台暂时无法访问"));
            assertThat(browser().getCurrentUrl()).startsWith(TestKeycloak.url());
            assertThat(browser().getPageSource()).doesNotContain("Exception", "at org.");

            browser().get(HUB + "/portal");
            BROWSER.signIn("lisi");
            assertThat(BROWSER.text("name")).isEqualTo("李四");
        } finally {
            ((ObjectNode) province.get("config")).put("authorizationUrl", authorizationUrl);
            tongbanRealm.updateIdentityProvider(province);
        }
    }

    @Test
    void theHubRefusesTheProvincesOwnTokensAndKeycloakRefusesAForgedProvincialCallback() throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        String provinceToken = json.readTree(http.send(HttpRequest.newBuilder(URI.create(PROVINCE
                                + "/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "grant_type=password&client_id=province-test-cli&username=wangfang&password=demo"))
                        .build(), HttpResponse.BodyHandlers.ofString()).body()).path("access_token").asText();
        assertThat(provinceToken).isNotBlank();
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(HUB + "/api/v1/me"))
                .header("Authorization", "Bearer " + provinceToken).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).as("another issuer, another audience").isEqualTo(401);

        // a callback the province never sent: no state Keycloak issued, a made-up code
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create(TestKeycloak.issuer()
                + "/broker/province/endpoint?code=forged-code&state="
                + URLEncoder.encode("forged.state.tab", StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isBetween(400, 499);
        assertThat(forged.body()).doesNotContain("Exception", "at org.");
        assertThat(tongbanRealm.usersWithAttribute("id_number", "460100198808081235")).as("nothing created")
                .allSatisfy(user -> assertThat(user.path("username").asText()).startsWith("province."));
    }
}
