package circuitbreaker.it;

import static circuitbreaker.it.ServiceIT.API;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WindowType;

/** The page as visitors see it, in a real headless Chromium: live, accessible, readable anywhere, safe. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserChecks {

    static final Duration SOON = Duration.ofSeconds(10);
    Browser browser;

    @BeforeAll
    void launch() {
        browser = new Browser();
    }

    @AfterAll
    void quit() {
        browser.close();
    }

    @BeforeEach
    void ordinaryVisitor() {
        browser.prefer("prefers-color-scheme", "light");
        browser.prefer("prefers-reduced-motion", "no-preference");
        browser.cdp("Emulation.clearDeviceMetricsOverride");
        browser.cdp("Emulation.setScriptExecutionDisabled", Map.of("value", false));
        browser.language("en");
        browser.networkEvents(); // forget earlier traffic
    }

    static void state(String message, String issue, long countdown) {
        String body = Json.createObjectBuilder().add("message", message).add("currentIssue", issue)
                .add("countdown", countdown).add("isActive", true).build().toString();
        assertEquals(200, API.post(body).statusCode());
    }

    void openLive() {
        browser.open(API.base());
        browser.await("the connection indicator to turn live", SOON,
                d -> "live".equals(browser.element("connection").getAttribute("data-state")));
    }

    static int seconds(String clock) {
        String[] parts = clock.split(":");
        int total = 0;
        for (String part : parts) {
            total = total * 60 + Integer.parseInt(part);
        }
        return total;
    }

    @Test
    void theCountdownTicksEverySecondInStepWithTheServer() throws Exception {
        state("Ticking in the browser", "Clock check", 600);
        openLive();
        List<Integer> samples = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String clock = browser.text("countdown");
            assertTrue(clock.matches("\\d\\d:\\d\\d"), "mm:ss, not " + clock);
            samples.add(seconds(clock));
            long server = API.status().getJsonNumber("countdown").longValue();
            assertTrue(Math.abs(samples.get(i) - server) <= 1, "page " + clock + " vs server " + server);
            Thread.sleep(1000);
        }
        for (int i = 1; i < samples.size(); i++) {
            int step = samples.get(i - 1) - samples.get(i);
            assertTrue(step >= 0 && step <= 2, "one second a second: " + samples);
        }
        assertTrue(samples.get(0) - samples.get(3) >= 2, "it moved: " + samples);
    }

    @Test
    void anUpdateReachesEveryOpenTabWithoutAReload() {
        state("Before the update", "First issue", 900);
        openLive();
        String first = browser.driver.getWindowHandle();
        browser.js("window.notReloaded = true;");
        browser.driver.switchTo().newWindow(WindowType.TAB);
        openLive();
        String second = browser.driver.getWindowHandle();
        browser.js("window.notReloaded = true;");

        state("After the update", "Second issue", 300);
        long posted = System.nanoTime();
        for (String tab : List.of(first, second)) {
            browser.driver.switchTo().window(tab);
            // Only the socket brings it (the page never polls); how fast is the benchmark's to judge.
            browser.awaitText("message", "After the update", Duration.ofSeconds(5));
            assertEquals("Second issue", browser.text("issue"));
            int left = seconds(browser.text("countdown"));
            assertTrue(left >= 295 && left <= 301, "the countdown moved from 15:00 to 05:00: " + left);
            assertEquals(true, browser.js("return window.notReloaded === true;"), "no reload");
        }
        browser.driver.switchTo().window(second).close();
        browser.driver.switchTo().window(first);
    }

    @Test
    void theProgressLabelPassesThroughEveryPhaseAndTheEndIsKind() {
        openLive();
        String[][] phases = {{"400", "active", "Active"}, {"200", "almost", "Almost done"},
            {"30", "final", "Final steps"}};
        for (String[] phase : phases) {
            state("Phases", "Label", Long.parseLong(phase[0]));
            browser.await("phase " + phase[1], SOON,
                    d -> phase[1].equals(browser.element("phase").getAttribute("data-phase")));
            assertEquals(phase[2], browser.text("phase"));
        }
        state("Phases", "Label", 2);
        List<String> clocks = new ArrayList<>();
        browser.await("the countdown to end", SOON, d -> {
            clocks.add(browser.text("countdown"));
            return "complete".equals(browser.element("phase").getAttribute("data-phase"));
        });
        assertEquals("Complete", browser.text("phase"));
        assertEquals("00:00", browser.text("countdown"));
        assertTrue(browser.text("note").contains("taking a little longer"), browser.text("note"));
        assertTrue(clocks.stream().allMatch(c -> c.matches("\\d\\d:\\d\\d")), "never negative: " + clocks);
    }

    @Test
    void withoutJavaScriptThePageStillSaysEverything() {
        state("Readable without scripts", "No-JS issue", 1200);
        browser.cdp("Emulation.setScriptExecutionDisabled", Map.of("value", true));
        browser.open(API.base());
        assertEquals("Readable without scripts", browser.text("message"));
        assertEquals("No-JS issue", browser.text("issue"));
        int left = seconds(browser.text("countdown"));
        assertTrue(left > 1190 && left <= 1200, browser.text("countdown"));
        assertTrue(browser.text("connection-text").contains("JavaScript"), "says live updates need JavaScript");
    }

    @Test
    void reducedMotionRunsNoAnimation() {
        browser.prefer("prefers-reduced-motion", "reduce");
        openLive();
        assertEquals(0L, browser.js("return document.getAnimations().length;"));
        assertEquals("none", browser.js("return getComputedStyle(document.querySelector('.spiral')).animationName;"));
        assertEquals("none", browser.js("return getComputedStyle(document.querySelector('.card')).animationName;"));
    }

    @Test
    void aVisiblePauseControlStopsTheAnimationAndNothingFlashes() {
        openLive();
        assertTrue((Long) browser.js("return document.getAnimations().length;") >= 3, "gradient, spiral, card");
        @SuppressWarnings("unchecked")
        List<Number> durations = (List<Number>) browser.js(
                "return document.getAnimations().map(a => a.effect.getTiming().duration);");
        assertTrue(durations.stream().allMatch(d -> d.doubleValue() >= 1000),
                "no cycle shorter than a second, so nothing can flash three times a second: " + durations);
        var pause = browser.driver.findElement(By.cssSelector("label.pause"));
        assertTrue(pause.isDisplayed());
        pause.click();
        assertEquals(true, browser.js("return document.getAnimations().every(a => a.playState === 'paused');"));
        pause.click();
        assertEquals(true, browser.js("return document.getAnimations().every(a => a.playState === 'running');"));
    }

    @Test
    void axeFindsNoWcagViolationsInLightOrDark() throws Exception {
        state("Accessible in both themes", "Contrast and structure", 900);
        for (String scheme : List.of("light", "dark")) {
            browser.prefer("prefers-color-scheme", scheme);
            openLive();
            assertEquals(false, browser.js("return document.querySelector('.updates').hidden;"),
                    "the timeline of updates is on the page and checked too");
            JsonObject report = browser.axe();
            assertEquals("[]", report.getJsonArray("violations").toString(), scheme + " scheme violations");
            // A rule axe could not decide counts as neither: make sure contrast was really measured.
            assertTrue(report.getInt("contrastChecked") >= 8, scheme + ": contrast measured on " + report);
        }
    }

    @Test
    void thePagesOwnWordsFollowAcceptLanguage() {
        state("Operator text stays as written", "Unübersetzt", 900);
        Map<String, String[]> words = Map.of(
                "en-GB,en;q=0.8", new String[] {"en", "Time remaining", "Live"},
                "de-DE,de;q=0.9", new String[] {"de", "Verbleibende Zeit", "Live"},
                "fr-FR,fr;q=0.9", new String[] {"fr", "Temps restant", "En direct"},
                "es-ES,es;q=0.9", new String[] {"es", "Tiempo restante", "En directo"});
        for (var language : words.entrySet()) {
            browser.language(language.getKey());
            openLive();
            String[] expected = language.getValue();
            assertEquals(expected[0], browser.driver.findElement(By.tagName("html")).getAttribute("lang"));
            assertEquals(expected[1].toUpperCase(), browser.text("remaining-label"), "shown in capitals by CSS");
            assertEquals(expected[2], browser.text("connection-text"));
            assertEquals("Operator text stays as written", browser.text("message"));
            assertEquals("Unübersetzt", browser.text("issue"));
        }
    }

    @Test
    void aPhoneHasNoSidewaysScrollAndADesktopIsCentred() {
        state("Supercalifragilisticexpialidocious-and-an-unbreakable-word-that-is-much-wider-than-a-phone",
                "Layout on every screen", 1500);
        browser.screen(375, 667, true);
        openLive();
        assertEquals(true, browser.js("return document.documentElement.scrollWidth <= window.innerWidth;"),
                "no horizontal scroll on a phone");
        assertEquals(true, browser.js("return [...document.querySelectorAll('main *')].filter(e => e.offsetParent)"
                + ".every(e => parseFloat(getComputedStyle(e).fontSize) >= 12);"), "every text at least 12 px");

        state("We are upgrading our servers to serve you better. Thank you for waiting with us.",
                "Database migration and cache warm-up", 1500);
        openLive();
        browser.screenshot("phone");
        browser.screen(1440, 900, false);
        openLive();
        @SuppressWarnings("unchecked")
        Map<String, Number> card = (Map<String, Number>) browser.js("const r = document.querySelector('.card')"
                + ".getBoundingClientRect(); return {x: r.left + r.width / 2, y: r.top + r.height / 2, w: r.width};");
        assertTrue(Math.abs(card.get("x").doubleValue() - 720) < 2, "centred across: " + card);
        assertTrue(Math.abs(card.get("y").doubleValue() - 450) < 20, "centred down: " + card);
        assertTrue(card.get("w").doubleValue() <= 600, "a calm card, not a wall of text: " + card);
        browser.screenshot("desktop-light");
        browser.prefer("prefers-color-scheme", "dark");
        openLive();
        browser.screenshot("desktop-dark");
    }

    @Test
    void operatorMarkupShowsAsTextAndAVisitIsOneSmallRequestToTheOriginOnly() throws Exception {
        String message = "<img src=x onerror=\"window.hacked=1\"> <b>bold?</b>";
        String issue = "<script>window.hacked=2</script>";
        // A maintenance of its own: the page lists its updates, and earlier tests' long texts would weigh it.
        assertEquals(200, API.post("{\"isActive\":false}").statusCode());
        state(message, issue, 900);
        browser.cdp("Network.clearBrowserCache");
        openLive();
        assertEquals(message, browser.text("message"));
        assertEquals(issue, browser.text("issue"));
        state(message + " again", issue, 800); // and through the socket
        browser.awaitText("message", message + " again", SOON);
        assertTrue(browser.driver.findElements(By.cssSelector("main img, main b, main script")).isEmpty());
        assertEquals(true, browser.js("return window.hacked === undefined;"));

        Thread.sleep(1500); // a browser asks for an icon after the load event: give it the time to
        String origin = "127.0.0.1:" + API.base().getPort();
        List<String> requests = new ArrayList<>();
        long bytes = 0;
        for (JsonObject event : browser.networkEvents()) {
            JsonObject params = event.getJsonObject("params");
            switch (event.getString("method")) {
                case "Network.requestWillBeSent" -> {
                    String url = params.getJsonObject("request").getString("url");
                    if (!url.startsWith("data:")) { // the inline icon is decoded, not fetched
                        assertTrue(url.startsWith("http://" + origin + "/"), "same origin only: " + url);
                        requests.add(url);
                    }
                }
                case "Network.webSocketCreated" ->
                    assertEquals("ws://" + origin + "/circuit-breaker/ws", params.getString("url"));
                case "Network.loadingFinished" -> bytes += params.getJsonNumber("encodedDataLength").longValue();
                default -> { }
            }
        }
        assertEquals(List.of(API.base().toString()), requests, "one HTTP request: the page (and then the socket)");
        // 16 KiB since the waiting room (SPEC §20): its words in the visitor's language and the admission's hand-in.
        assertTrue(bytes > 0 && bytes < 16 * 1024, "the page and everything it loads: " + bytes + " bytes");
        assertEquals(404, API.get("/favicon.ico").statusCode(), "an old browser's icon request is not a page view");
    }

    @Test
    void theTimelineShowsThisMaintenancesUpdatesNewestFirstWithoutJsAndLive() {
        assertEquals(200, API.post("{\"isActive\":false}").statusCode()); // what came before is another maintenance
        state("Step one: backups", "Timeline", 1800);
        state("Step two: <b>migrating</b>", "Timeline", 1500);
        browser.cdp("Emulation.setScriptExecutionDisabled", Map.of("value", true));
        browser.open(API.base());
        assertEquals(List.of("Step two: <b>migrating</b>", "Step one: backups"), updates(), "server-rendered, escaped");
        assertTrue(browser.driver.findElements(By.cssSelector("#updates b")).isEmpty());

        browser.cdp("Emulation.setScriptExecutionDisabled", Map.of("value", false));
        openLive();
        state("Step three: checking", "Timeline", 600);
        browser.await("the new update at the top without a reload", SOON,
                d -> updates().size() == 3 && updates().get(0).equals("Step three: checking"));
        assertTrue(browser.driver.findElement(By.cssSelector("#updates li time")).getText().matches("\\d{1,2}:\\d{2}.*"),
                "each update says when");
        browser.language("de");
        openLive();
        assertEquals("Neuigkeiten", browser.text("updates-title"));
    }

    List<String> updates() {
        return browser.driver.findElements(By.cssSelector("#updates li span")).stream()
                .map(org.openqa.selenium.WebElement::getText).toList();
    }

    @Test
    void aWindowOpensAndClosesByItselfOnOpenPagesSocketsAndInTheTimeline() throws Exception {
        assertEquals(200, API.post("{\"isActive\":false}").statusCode());
        openLive();
        try (SocketClient socket = new SocketClient(API.base())) {
            socket.next("statusUpdate", SOON);
            long start = System.currentTimeMillis() + 2500;
            String id = WindowsChecks.created(WindowsChecks.window(start, start + 3000, "Planned: a short window"))
                    .getJsonObject("window").getString("id");
            JsonObject opened = GateIT.nextStatus(socket, s -> s.getBoolean("isActive"));
            assertEquals("schedule", opened.getString("cause"));
            assertEquals("Planned: a short window", opened.getString("message"));
            assertEquals(start + 3000, opened.getJsonNumber("estimatedCompletion").longValue(), "a countdown to its end");
            assertTrue(System.currentTimeMillis() >= start, "not before its start");
            browser.awaitText("message", "Planned: a short window", SOON);
            JsonObject closed = GateIT.nextStatus(socket, s -> !s.getBoolean("isActive"));
            assertEquals("schedule", closed.getString("cause"));
            assertTrue(System.currentTimeMillis() >= start + 3000, "not before its end");
            browser.awaitText("note", PageChecks.NOTE_OVER, SOON);
            List<JsonObject> timeline = HistoryChecks.entries("?limit=2");
            assertEquals(List.of(false, true), timeline.stream().map(e -> e.getBoolean("isActive")).toList());
            assertEquals(List.of("schedule", "schedule"), timeline.stream().map(e -> e.getString("cause")).toList());
            browser.await("the ended window to leave the list", SOON,
                    d -> !API.get("/api/maintenance/windows").body().contains(id));
            assertEquals(404, WindowsChecks.cancel(id).statusCode(), "nothing left to cancel");
        }
    }

    @Test
    void theMainSitesBannerAnnouncesTheNextWindowFromAnotherOrigin() throws Exception {
        long start = System.currentTimeMillis() + 2 * 86_400_000L;
        String id = WindowsChecks.created(WindowsChecks.window(start, start + 5_400_000,
                "The shop is closed while we move to faster servers.")).getJsonObject("window").getString("id");
        var shop = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        byte[] page = ("<!DOCTYPE html><html lang=\"en\"><head><title>The shop</title></head><body><main><h1>The shop"
                + "</h1><p>Everything for your garden.</p></main><script src=\"" + API.uri("/api/maintenance/banner.js")
                + "\" defer></script></body></html>").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        shop.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html;charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        shop.start();
        try {
            browser.open(java.net.URI.create("http://127.0.0.1:" + shop.getAddress().getPort() + "/"));
            String banner = browser.await("the banner", SOON, d -> d.findElements(By.cssSelector(
                    ".circuit-breaker-banner")).stream().map(org.openqa.selenium.WebElement::getText).findFirst()
                    .orElse(null));
            assertTrue(banner.startsWith("Planned maintenance: "), banner);
            assertTrue(banner.endsWith("The shop is closed while we move to faster servers."), banner);
            assertEquals("status", browser.driver.findElement(By.cssSelector(".circuit-breaker-banner"))
                    .getAttribute("role"), "announced politely");
            browser.screenshot("banner");
        } finally {
            shop.stop(0);
            assertEquals(204, WindowsChecks.cancel(id).statusCode());
        }
    }
}
