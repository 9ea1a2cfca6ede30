package tongban.hub.support;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}; no download at test time).
 * Registered as an extension, it saves a screenshot and the page source of a failed test under
 * {@code target/browser-failures/}.
 */
public final class Browser implements TestWatcher, AutoCloseable {

    /** A phone's screen: 375 × 812 CSS pixels (an iPhone X/11 Pro/12 mini class phone), touch, a phone's user agent. */
    public static final int PHONE_WIDTH = 375;
    private static final int PHONE_HEIGHT = 812;

    private final boolean phone;
    private WebDriver driver;

    /** A desktop browser, 1280 × 900. */
    public Browser() {
        this(false);
    }

    private Browser(boolean phone) {
        this.phone = phone;
    }

    /** Chromium emulating a phone: its screen size, pixel ratio, touch and user agent. */
    public static Browser phone() {
        return new Browser(true);
    }

    public WebDriver driver() {
        if (driver == null) {
            ChromeOptions options = new ChromeOptions();
            options.setBinary(firstExisting("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"));
            options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                    "--window-size=1280,900", "--lang=zh-CN");
            // headless Chromium takes its Accept-Language from this preference, not from --lang: Keycloak's pages in
            // Chinese, as the city's people see them
            options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", "zh-CN,zh"));
            if (phone) {
                options.setExperimentalOption("mobileEmulation", java.util.Map.of(
                        "deviceMetrics", java.util.Map.of("width", PHONE_WIDTH, "height", PHONE_HEIGHT,
                                "pixelRatio", 3.0, "touch", true),
                        "userAgent", "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                                + "Chrome/120.0 Mobile Safari/537.36"));
            }
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(firstExisting("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver")))
                    .build();
            driver = new ChromeDriver(service, options);
            driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        }
        return driver;
    }

    /** Whether the page is Keycloak's login form (read from the source: no implicit wait for a missing element). */
    public boolean onSignInForm() {
        return driver().getCurrentUrl().startsWith(TestKeycloak.issuer())
                && driver().getPageSource().contains("id=\"kc-login\"");
    }

    /** Waits for Keycloak's login form and signs in with the demo password: the login is Keycloak's, never a portal's. */
    public void signIn(String user) {
        new WebDriverWait(driver(), Duration.ofSeconds(15)).until(d -> onSignInForm());
        driver().findElement(By.id("username")).sendKeys(user);
        driver().findElement(By.id("password")).sendKeys("demo");
        driver().findElement(By.id("kc-login")).click();
    }

    /** The element with this id once it is visible. */
    public WebElement visible(String id) {
        return new WebDriverWait(driver(), Duration.ofSeconds(15))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    /** The text of the element with this id, once it is visible. */
    public String text(String id) {
        return visible(id).getText();
    }

    /** How much wider the page is than the screen, in CSS pixels: 0 when nothing scrolls sideways. */
    public long horizontalOverflow() {
        Object overflow = ((org.openqa.selenium.JavascriptExecutor) driver()).executeScript(
                "return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth;");
        return ((Number) overflow).longValue();
    }

    /** Keeps a screenshot of the page as a test artefact: {@code target/screenshots/<name>.png}. */
    public Path screenshot(String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver()).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A fresh browser: no cookies, no sessions. */
    public void restart() {
        close();
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (driver == null) {
            return;
        }
        try {
            Path dir = Path.of("target", "browser-failures");
            Files.createDirectories(dir);
            String name = context.getRequiredTestClass().getSimpleName() + "-" + context.getDisplayName()
                    .replaceAll("[^A-Za-z0-9]+", "_");
            Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            Files.writeString(dir.resolve(name + ".html"), driver.getCurrentUrl() + "\n" + driver.getPageSource());
        } catch (IOException | RuntimeException e) {
            System.err.println("could not save the failed page: " + e);
        }
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        testFailed(context, cause);
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
    }

    @Override
    public void close() {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
    }

    private static String firstExisting(String... paths) {
        for (String path : paths) {
            if (Files.isExecutable(Path.of(path))) {
                return path;
            }
        }
        throw new IllegalStateException("not installed: " + paths[0] + " (apt-get install -y chromium chromium-driver)");
    }
}
