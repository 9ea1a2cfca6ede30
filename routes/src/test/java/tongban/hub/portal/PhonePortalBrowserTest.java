package tongban.hub.portal;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
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
import tongban.hub.support.DepartmentSystems;
import tongban.hub.support.HubTestBase;
import tongban.hub.support.MovableClock;
import tongban.hub.support.TestKeycloak;
import tongban.hub.support.Tokens;
import tongban.hub.support.WindowCases;
import tongban.hub.web.BeijingTime;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 掌上办: the citizen's pages in a real headless Chromium emulating a phone (375 × 812, touch, a phone's user
 * agent) — every page fits the screen without sideways scrolling, buttons are big enough to tap, and a screenshot
 * of each is kept ({@code target/screenshots/phone-*.png}). A person books a slot for the hall on the phone, the
 * window checks them in the next morning and the case it takes in is linked to the booking. A wrong address or a
 * missing case answers the browser with a Chinese page; the pages carry their Content-Security-Policy and still
 * look and work as they should under it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@DirtiesContext // frees the port the realm's clients are registered for
class PhonePortalBrowserTest extends HubTestBase {

    private static final Path DATA_DIR = tempDir();
    private static final String HUB = TestKeycloak.portalHubUrl();
    private static final String ID_CARD = "11460100008256386X4000105001000";
    /** A phone's finger: buttons and links people tap are at least this tall (Apple's and Google's guides: 44–48). */
    private static final int TAP_TARGET_PX = 44;

    @RegisterExtension
    static final Browser PHONE = Browser.phone();
    @RegisterExtension
    static final Browser DESK = new Browser();

    @Autowired
    MovableClock clock;
    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void portalContext(DynamicPropertyRegistry registry) {
        registry.add("tongban.data-dir", DATA_DIR::toString);
        registry.add("server.port", TestKeycloak::portalHubPort);
    }

    @AfterAll
    static void closeBrowsers() {
        PHONE.close();
        DESK.close();
    }

    @BeforeEach
    void freshBrowsers() {
        PHONE.restart();
        DESK.restart();
    }

    @AfterEach
    void systemClock() {
        clock.reset();
    }

    private WebDriver phone() {
        return PHONE.driver();
    }

    /** The page fits the phone: nothing scrolls sideways; a screenshot is kept. */
    private void fitsThePhone(String page) {
        PHONE.screenshot("phone-" + page);
        assertThat(PHONE.horizontalOverflow()).as(page + " scrolls sideways on a phone by").isLessThanOrEqualTo(0);
    }

    private void tappable(WebElement element) {
        assertThat(element.getRect().getHeight()).as("height of " + element.getText())
                .isGreaterThanOrEqualTo(TAP_TARGET_PX);
    }

    private void awaitUrl(WebDriver driver, String ending) {
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> d.getCurrentUrl().contains(ending));
    }

    @Test
    void aPersonBooksASlotOnThePhoneAndTheWindowChecksThemInAndTakesInTheirCase() {
        clock.setBeijing("2026-12-07T10:00:00"); // a Monday
        phone().get(HUB + "/portal");
        PHONE.signIn("lisi");
        PHONE.visible("signed-in-as");
        fitsThePhone("home");
        tappable(phone().findElement(By.id("nav-appointments")));

        phone().findElement(By.id("nav-services")).click();
        awaitUrl(phone(), "/portal/services");
        fitsThePhone("services");
        WebElement book = phone().findElement(By.id("book-" + ID_CARD));
        tappable(book);
        book.click();
        awaitUrl(phone(), "/portal/appointments/new");
        assertThat(PHONE.text("hall-name")).isEqualTo("海口市政务服务中心");
        assertThat(PHONE.text("booking")).contains("12月8日 星期二", "09:00 余3");
        fitsThePhone("book");
        WebElement slot = phone().findElement(By.id("slot-2026-12-08-0900"));
        tappable(slot.findElement(By.xpath("..")));
        slot.click();
        WebElement confirm = phone().findElement(By.id("book"));
        tappable(confirm);
        confirm.click();

        awaitUrl(phone(), "/portal/appointments");
        assertThat(PHONE.text("notice")).isEqualTo("已预约 海口市政务服务中心 2026-12-08 09:00–09:30，请按时到场并在窗口签到。");
        assertThat(PHONE.text("my-appointments")).contains("居民身份证换领", "已预约", "可取消至 2026-12-08 08:00");
        fitsThePhone("appointments");

        // the next morning at the hall: the window sees the booking, checks her in and takes in her case
        clock.setBeijing("2026-12-08T08:55:00");
        WebDriver desk = DESK.driver();
        desk.get(HUB + "/portal/window");
        DESK.signIn("wangwu");
        assertThat(DESK.text("window-name")).isEqualTo("海口市政务服务中心 · 综合受理窗口 · 待办");
        WebElement booked = desk.findElement(By.id("today-appointments"));
        assertThat(booked.getText()).contains("09:00–09:30", "李四", "居民身份证换领", "已预约")
                .doesNotContain("460100198506152341");
        String checkIn = booked.findElement(By.cssSelector("button[id^=check-in-]")).getAttribute("id");
        desk.findElement(By.id(checkIn)).click();
        awaitUrl(desk, "/portal/apply/item/" + ID_CARD);
        assertThat(DESK.text("booked-person")).contains("李四");
        assertThat(desk.findElement(By.id("applicant-id-number")).getAttribute("value")).isEqualTo("460100198506152341");
        desk.findElement(By.id("submit-application")).click();
        String number = DESK.text("case-number");

        desk.findElement(By.id("nav-window")).click();
        awaitUrl(desk, "/portal/window");
        assertThat(DESK.text("today-appointments")).contains("已签到", number);

        phone().findElement(By.id("nav-appointments")).click();
        awaitUrl(phone(), "/portal/appointments");
        assertThat(PHONE.text("my-appointments")).contains("已签到", number);
        phone().findElement(By.linkText(number)).click();
        awaitUrl(phone(), "/portal/cases/" + number);
        assertThat(PHONE.text("case-status")).isEqualTo("已提交");
        fitsThePhone("case");
        phone().findElement(By.id("nav-cases")).click();
        awaitUrl(phone(), "/portal/cases");
        assertThat(PHONE.text("my-cases")).contains(number);
        fitsThePhone("cases");
    }

    @Test
    void aPersonAppliesOnThePhoneHasTheResultPostedAndFollowsTheParcel() throws Exception {
        phone().get(HUB + "/portal/apply/item/" + ID_CARD);
        PHONE.signIn("lisi");
        WebElement reason = PHONE.visible("form-reason");
        WebElement submit = phone().findElement(By.id("submit-application"));
        fitsThePhone("apply");
        tappable(reason);
        tappable(submit);
        assertThat(reason.getRect().getWidth()).as("the field takes the width of the screen")
                .isGreaterThan(Browser.PHONE_WIDTH - 80);
        List<WebElement> labels = phone().findElements(By.cssSelector("#apply-form label"));
        assertThat(labels).isNotEmpty();
        assertThat(labels.get(0).getRect().getX()).as("label above the field, not beside it")
                .isLessThanOrEqualTo(reason.getRect().getX());

        // the result by post, to an address typed on the phone
        phone().findElement(By.id("delivery-post")).click();
        for (String[] field : new String[][]{{"delivery-recipient", "李四"}, {"delivery-phone", "13800000002"},
                {"delivery-district", "龙华区"}, {"delivery-address", "滨海大道88号椰风小区3栋201"}}) {
            WebElement input = phone().findElement(By.id(field[0]));
            input.clear();
            input.sendKeys(field[1]);
        }
        tappable(phone().findElement(By.id("delivery-phone")));
        submit.click();
        String number = PHONE.text("case-number");
        assertThat(jdbc.queryForObject("SELECT channel FROM service_case WHERE case_number = ?", String.class, number))
                .as("applied from the phone: 掌上办").isEqualTo("MOBILE");
        fitsThePhone("applied");

        // the window approves; the result goes by post; the carrier tells where the parcel is
        ResponseEntity<String> approved = WindowCases.post(http, Tokens.of("wangwu"), "/api/v1/cases/" + number
                + "/decision", "{\"decision\":\"approve\",\"result\":\"居民身份证领取凭证\"}");
        assertThat(approved.getStatusCode().value()).as(approved.getBody()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> "CREATED".equals(jdbc.queryForObject(
                "SELECT status FROM case_delivery WHERE case_number = ?", String.class, number)));
        String at = LocalDateTime.now(BeijingTime.ZONE).minusMinutes(5).withNano(0)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        DepartmentSystems.taken(new DepartmentSystems(http).notice("postal-system", "demo-only-postal-system-secret",
                "postal/tracking", "{\"msgId\":\"EMS-" + number + "-10\",\"logisticsOrderNo\":\"" + number
                        + "\",\"opCode\":\"10\",\"opTime\":\"" + at + "\",\"opOrgName\":\"海口市政务服务中心揽投部\","
                        + "\"opDesc\":\"已收寄\"}"));
        phone().navigate().refresh();
        assertThat(PHONE.text("delivery-status")).isEqualTo("已揽收");
        assertThat(PHONE.text("waybill")).isEqualTo("EMS 1170" + number.substring(number.length() - 9));
        assertThat(PHONE.text("tracking")).contains("已揽收", "海口市政务服务中心揽投部");
        assertThat(PHONE.text("rating")).as("a finished case asks for its rating").contains("评价");
        fitsThePhone("tracking-and-rating");
    }

    @Test
    void aWrongAddressAndAMissingCaseAnswerTheBrowserWithAChinesePageUnderTheContentSecurityPolicy() throws Exception {
        phone().get(HUB + "/portal/apply");
        PHONE.signIn("lisi");
        assertThat(PHONE.text("error-title")).isEqualTo("页面不存在");
        assertThat(PHONE.text("error-status")).isEqualTo("404");
        fitsThePhone("not-found");

        phone().get(HUB + "/portal/cases/TB20260101999999");
        assertThat(PHONE.text("error-title")).isEqualTo("页面不存在");
        phone().get(HUB + "/portal/appointments/new?kind=item&id=nothing-like-it");
        assertThat(PHONE.text("error-title")).isEqualTo("页面不存在");
        phone().get(HUB + "/portal/window");
        assertThat(PHONE.text("error-title")).as("a citizen at the window's page").isEqualTo("无权办理");
        assertThat(phone().getPageSource()).doesNotContain("\"code\"", "Exception", "at tongban.");

        // the styles come from /assets under the policy: the header is the portal's red
        phone().get(HUB + "/portal");
        String background = phone().findElement(By.tagName("header")).getCssValue("background-color");
        assertThat(background).isEqualTo("rgba(198, 47, 47, 1)");

        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(HUB + "/portal"))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'",
                        "form-action 'self' " + URI.create(TestKeycloak.issuer()).resolve("/").toString()
                                .replaceAll("/$", ""))
                .doesNotContain("unsafe-inline"));
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
    }
}
