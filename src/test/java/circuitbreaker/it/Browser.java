package circuitbreaker.it;

import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium from Debian's packages, driven through Debian's chromedriver, with the DevTools
 * protocol for what a visitor's settings change (colour scheme, reduced motion, language, screen size).
 */
final class Browser implements AutoCloseable {

    final ChromeDriver driver;
    private final Path profile;

    /** @param arguments Chromium's own, such as --host-resolver-rules to visit a site by name on loopback */
    Browser(String... arguments) {
        try {
            profile = Files.createTempDirectory("chromium-profile");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        // No background traffic: this machine reaches loopback only, and the page must not need anything else.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=1440,900",
                "--user-data-dir=" + profile);
        options.addArguments(arguments);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL); // every network event, from DevTools
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        cdp("Network.enable");
    }

    Object cdp(String command) {
        return driver.executeCdpCommand(command, Map.of());
    }

    Object cdp(String command, Map<String, Object> parameters) {
        return driver.executeCdpCommand(command, parameters);
    }

    void prefer(String feature, String value) {
        cdp("Emulation.setEmulatedMedia", Map.of("features", List.of(Map.of("name", feature, "value", value))));
    }

    void language(String acceptLanguage) {
        cdp("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Accept-Language", acceptLanguage)));
    }

    void screen(int width, int height, boolean mobile) {
        cdp("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", mobile ? 2 : 1, "mobile", mobile));
    }

    void open(java.net.URI uri) {
        driver.get(uri.toString());
    }

    String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    WebElement element(String id) {
        return driver.findElement(By.id(id));
    }

    Object js(String script, Object... arguments) {
        return driver.executeScript(script, arguments);
    }

    /**
     * axe-core (from npm) run on the page as it is now, against WCAG 2.0, 2.1 and 2.2 A and AA: the violations found,
     * each with the elements it names, and how many elements had their contrast measured.
     */
    JsonObject axe() throws IOException {
        js(Files.readString(Path.of(System.getProperty("axe.script"))));
        Object result = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa',"
                + " 'wcag22a', 'wcag22aa']}}).then(r => done(JSON.stringify({violations: r.violations.map(v =>"
                + " ({id: v.id, nodes: v.nodes.map(n => n.target.join(' '))})), contrastChecked: r.passes"
                + ".filter(p => p.id === 'color-contrast').flatMap(p => p.nodes).length})))"
                + ".catch(e => done('error ' + e));");
        return Api.json((String) result);
    }

    /**
     * Waits for a condition, polling every 50 ms; the failure names what was awaited. An element found just before
     * the page reloaded (a sign-out does) counts as not yet.
     */
    <T> T await(String what, Duration timeout, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(50)).withMessage(what)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
    }

    /** Waits until an element's text equals the expected text. */
    void awaitText(String id, String expected, Duration timeout) {
        new WebDriverWait(driver, timeout, Duration.ofMillis(50))
                .withMessage(() -> "#" + id + " to read '" + expected + "', not '" + textOrAbsent(id) + "'")
                .until(d -> expected.equals(text(id)));
    }

    private String textOrAbsent(String id) {
        var found = driver.findElements(By.id(id));
        return found.isEmpty() ? "(no such element on " + driver.getCurrentUrl() + ")" : found.get(0).getText();
    }

    /** Back to the machine's own colour scheme and motion settings. */
    void preferNothing() {
        cdp("Emulation.setEmulatedMedia", Map.of("features", List.of()));
    }

    /** The DevTools network events since the last call, each as the message's JSON. */
    List<JsonObject> networkEvents() {
        return driver.manage().logs().get(LogType.PERFORMANCE).getAll().stream()
                .map(entry -> Api.json(entry.getMessage()).getJsonObject("message"))
                .filter(message -> message.getString("method").startsWith("Network."))
                .toList();
    }

    Path screenshot(String name) {
        try {
            Path dir = Path.of(System.getProperty("screenshots.dir"));
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // a temporary profile left behind is harmless
        }
    }
}
