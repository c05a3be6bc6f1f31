package circuitbreaker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import circuitbreaker.platform.Build;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * The operator console in a real Chromium, beside a visitor in a second Chromium who reaches the site through the
 * shipped nginx gate: what the operator does there reaches the visitor, the preview never does. An instance of its
 * own, because it must read the server's log (the token must never reach it) and needs a main site behind the gate.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleIT {

    static final Duration SOON = Duration.ofSeconds(10);

    @TempDir
    static Path work;

    ServiceProcess breaker;
    com.sun.net.httpserver.HttpServer site;
    GatedProxy nginx;
    Browser operator;
    Browser visitor;
    OpenIdProvider provider;

    @BeforeAll
    void start() throws Exception {
        Path scopes = Files.writeString(work.resolve("scopes.json"),
                "[{\"name\": \"checkout\", \"paths\": [\"/checkout/\"]}]");
        provider = new OpenIdProvider(ServiceProcess.freePort());
        breaker = new ServiceProcess(work, Map.of("CIRCUIT_BREAKER_TOKEN", Api.TOKEN,
                "CIRCUIT_BREAKER_SCOPES_FILE", scopes.toString(), "CIRCUIT_BREAKER_OPERATORS_FILE",
                work.resolve("operators.json").toString(), "CIRCUIT_BREAKER_OIDC_ISSUER", provider.issuer().toString(),
                "CIRCUIT_BREAKER_OIDC_CLIENT_ID", OpenIdProvider.CLIENT_ID,
                "CIRCUIT_BREAKER_OIDC_CLIENT_SECRET", OpenIdProvider.CLIENT_SECRET));
        provider.start(breaker.api().uri("/console/sign-in"));
        breaker.start();
        int sitePort = ServiceProcess.freePort();
        site = FrontProxy.mainSite(sitePort);
        nginx = GatedProxy.nginx(work, sitePort, breaker.port);
        operator = new Browser();
        visitor = new Browser();
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable part : new AutoCloseable[] {operator, visitor, nginx, provider}) {
            if (part != null) {
                part.close();
            }
        }
        if (site != null) {
            site.stop(0);
        }
        if (breaker != null) {
            breaker.stopQuietly();
        }
    }

    /**
     * Each test starts signed out, on a desktop, with the browser's own (light) colour scheme: an emulated scheme
     * would apply to the preview's frame too, which follows its own color-scheme.
     */
    @BeforeEach
    void ordinaryOperator() {
        for (Browser browser : List.of(operator, visitor)) {
            browser.preferNothing();
            browser.cdp("Emulation.clearDeviceMetricsOverride");
        }
        operator.cdp("Network.clearBrowserCookies"); // signed out of the provider and of the console's session
        visitor.driver.get("about:blank"); // no visitor waits until a test brings one
        operator.open(breaker.api().uri("/console"));
        operator.js("sessionStorage.clear();");
    }

    JsonObject post(String json) {
        var answer = breaker.api().post(json);
        assertEquals(200, answer.statusCode(), answer.body());
        return Api.json(answer).getJsonObject("state");
    }

    /**
     * A visitor arriving through nginx once the gate has turned. nginx keeps each answer to the end of its second per
     * kind of visitor (Accept, Accept-Language), so a browser arriving in the same second may still be let through.
     */
    void visitorArrives() throws InterruptedException {
        GateIT.millisUntil(nginx, "/", GateIT::isPage, System.nanoTime());
        Waits.nextSecond();
        visitor.open(nginx.uri());
    }

    void signIn(String token) {
        operator.open(breaker.api().uri("/console"));
        operator.await("the sign-in form", SOON, d -> operator.element("token").isDisplayed());
        operator.element("token").sendKeys(token, Keys.ENTER); // the keyboard is enough
    }

    void signedIn() {
        signIn(Api.TOKEN);
        operator.await("the console to go live", SOON,
                d -> "live".equals(operator.element("connection").getAttribute("data-state")));
    }

    /** Replaces a field's text the way a person does: select all, type over it. */
    void type(String id, String text) {
        operator.element(id).sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE, text);
    }

    void click(String selector) {
        operator.driver.findElement(By.cssSelector(selector)).click();
    }

    static int seconds(String clock) {
        return BrowserChecks.seconds(clock);
    }

    @Test
    void anOperatorOpensUpdatesExtendsAndClosesWhileAVisitorWatches() throws Exception {
        post("{\"isActive\":false}");
        signedIn();
        operator.awaitText("state", "Off", SOON);

        type("draft-message", "Opened from the console");
        type("draft-issue", "Database upgrade");
        type("draft-minutes", "10");
        click("#publish");
        operator.awaitText("state", "On", SOON);
        operator.awaitText("message", "Opened from the console", SOON);
        assertEquals("operator", breaker.api().status().getString("cause"));

        visitorArrives();
        visitor.awaitText("message", "Opened from the console", SOON);
        visitor.await("the visitor's page to go live", SOON,
                d -> "live".equals(visitor.element("connection").getAttribute("data-state")));
        visitor.js("window.notReloaded = true;");
        operator.await("the console to count the visitor, here and per instance", SOON,
                d -> "1".equals(operator.text("visitors-here")) && operator.text("visitors-members").endsWith(": 1"));
        assertTrue(operator.text("instance").endsWith("version " + Build.CURRENT.version() + " ("
                + breaker.api().health().getString("commit") + ")"), "the release it runs: " + operator.text("instance"));

        type("draft-message", "Almost there");
        click("#publish");
        visitor.awaitText("message", "Almost there", Duration.ofSeconds(3));
        assertEquals(true, visitor.js("return window.notReloaded === true;"), "shown without a reload");

        int before = seconds(visitor.text("countdown"));
        long endBefore = breaker.api().status().getJsonNumber("estimatedCompletion").longValue();
        click("[data-extend='15']");
        visitor.await("the visitor's countdown to jump by 15 minutes", Duration.ofSeconds(3),
                d -> seconds(visitor.text("countdown")) >= before + 15 * 60 - 3);
        assertEquals(endBefore + 15 * 60_000, breaker.api().status().getJsonNumber("estimatedCompletion")
                .longValue(), "exactly fifteen minutes later");
        operator.await("the operator's countdown too", SOON,
                d -> seconds(operator.text("countdown")) >= before + 15 * 60 - 3);

        click("#close");
        operator.driver.switchTo().alert().accept(); // a destructive action asks first
        operator.awaitText("state", "Off", SOON);
        visitor.await("the visitor to be taken back to the site", Duration.ofSeconds(20),
                d -> "Main site".equals(d.getTitle()));
    }

    @Test
    void closingAsksFirstAndChangesNothingWhenTheOperatorSaysNo() {
        JsonObject open = post("{\"message\":\"Stay open\",\"countdown\":600}");
        signedIn();
        operator.awaitText("message", "Stay open", SOON);
        click("#close");
        operator.driver.switchTo().alert().dismiss();
        assertEquals(open.getJsonNumber("version"), breaker.api().status().getJsonNumber("version"));
        assertEquals(true, breaker.api().status().getBoolean("isActive"));
    }

    @Test
    void thePreviewShowsTheDraftInGermanAndDarkWhileVisitorsSeeThePublishedText() throws Exception {
        JsonObject published = post("{\"message\":\"Published for everyone\",\"currentIssue\":\"Network\","
                + "\"countdown\":900}");
        visitorArrives();
        visitor.awaitText("message", "Published for everyone", SOON);
        signedIn();
        operator.awaitText("message", "Published for everyone", SOON);

        new org.openqa.selenium.support.ui.Select(operator.element("preview-lang")).selectByValue("de");
        click("input[name=theme][value=dark]");
        click("input[name=width][value=phone]");
        type("draft-message", "Entwurf: noch nicht veröffentlicht");
        operator.await("the German draft in the preview", SOON, d -> "Entwurf: noch nicht veröffentlicht".equals(
                operator.js("var doc = document.getElementById('preview').contentDocument;"
                        + "var m = doc && doc.getElementById('message'); return m && m.textContent.trim();")));
        assertEquals("de", operator.js("return document.getElementById('preview').contentDocument"
                + ".documentElement.lang;"));
        assertEquals("Wartungsarbeiten", operator.js("return document.getElementById('preview').contentDocument"
                + ".title;"));
        assertEquals("rgb(28, 14, 38)", operator.js("var doc = document.getElementById('preview').contentDocument;"
                + "return getComputedStyle(doc.querySelector('.card')).backgroundColor;"), "the page's dark card");
        assertEquals(390L, operator.js("return document.getElementById('preview').contentDocument"
                + ".documentElement.clientWidth;"), "a phone's width");
        assertEquals("offline", operator.js("return document.getElementById('preview').contentDocument"
                + ".getElementById('connection').getAttribute('data-state');"),
                "the page's script never runs in the preview: it would connect a socket");

        click("input[name=theme][value=light]");
        operator.await("the light page", SOON, d -> "rgb(253, 247, 252)".equals(operator.js(
                "var doc = document.getElementById('preview').contentDocument;"
                        + "return getComputedStyle(doc.querySelector('.card')).backgroundColor;")));

        assertEquals("Published for everyone", visitor.text("message"), "the visitor still reads what was published");
        JsonObject now = breaker.api().status();
        assertEquals(published.getJsonNumber("version"), now.getJsonNumber("version"), "nothing was published");
        assertEquals("Published for everyone", now.getString("message"));
    }

    @Test
    void aWrongTokenGetsNoDataAndChangesNothingAndTheTokenNeverLeavesTheTab() throws Exception {
        JsonObject state = post("{\"message\":\"Only for operators to change\",\"countdown\":600}");
        operator.networkEvents(); // forget earlier traffic
        signIn("not-the-operator-token");
        operator.awaitText("sign-in-error", "The token was refused. Sign in again.", SOON);
        assertFalse(operator.element("desk").isDisplayed());
        assertFalse(operator.driver.getPageSource().contains("Only for operators to change"), "no data shown");
        assertEquals(state.getJsonNumber("version"), breaker.api().status().getJsonNumber("version"));
        assertEquals(null, operator.js("return sessionStorage.getItem('circuit-breaker-token');"),
                "a refused token is not kept");

        signedIn();
        assertEquals("state-title", operator.js("return document.activeElement.id;"), "focus lands on the state");
        assertEquals(Api.TOKEN, operator.js("return sessionStorage.getItem('circuit-breaker-token');"),
                "kept for this tab only");
        click("[data-extend='5']");
        operator.awaitText("action-result", "Extended by 5 minutes.", SOON);
        assertTrue(operator.driver.manage().getCookies().isEmpty(), "no cookie");
        assertEquals("", operator.js("return document.cookie;"));
        assertFalse(operator.driver.getCurrentUrl().contains(Api.TOKEN), "not in the address");
        List<JsonObject> requests = operator.networkEvents().stream()
                .filter(e -> e.getString("method").equals("Network.requestWillBeSent"))
                .map(e -> e.getJsonObject("params").getJsonObject("request")).toList();
        assertTrue(requests.stream().anyMatch(r -> r.getString("url").endsWith("/api/maintenance/status")
                && r.getJsonObject("headers").getString("Authorization", "").equals("Bearer " + Api.TOKEN)),
                "sent as a bearer header");
        assertTrue(requests.stream().noneMatch(r -> r.getString("url").contains(Api.TOKEN)), "in no URL");
        assertFalse(breaker.runLog().contains(Api.TOKEN), "never in the server's log");

        click("#sign-out");
        operator.await("the sign-in form again", SOON, d -> operator.element("token").isDisplayed());
        assertEquals(null, operator.js("return sessionStorage.getItem('circuit-breaker-token');"));
        assertFalse(operator.driver.getPageSource().contains("Only for operators to change"), "nothing left behind");
    }

    @Test
    void theConsoleNoticesTheBreakerGoingAwayAndReconnectsByItself() {
        signedIn();
        assertEquals(0, breaker.script("stop").exitCode());
        try {
            operator.awaitText("connection", "Connection lost, reconnecting…", SOON);
        } finally {
            breaker.start();
        }
        post("{\"message\":\"After the restart\",\"countdown\":600}");
        operator.await("live again, without a reload", Duration.ofSeconds(30),
                d -> "live".equals(operator.element("connection").getAttribute("data-state")));
        operator.awaitText("message", "After the restart", SOON);
    }

    @Test
    void aWeeklyWindowIsScheduledAndCancelledFromTheConsole() {
        String day = java.time.LocalDate.now().plusDays(30).toString(); // the browser's local day, like the form's
        signedIn();
        operator.js("document.getElementById('window-start').value = arguments[0];"
                + "document.getElementById('window-end').value = arguments[1];",
                day + "T02:00", day + "T03:30");
        operator.element("window-message").sendKeys("Console window");
        new org.openqa.selenium.support.ui.Select(operator.element("window-repeat")).selectByValue("week");
        click("#schedule button");
        operator.awaitText("schedule-result", "Window scheduled.", SOON);
        JsonArray windows = Api.array(breaker.api().get("/api/maintenance/windows"));
        JsonObject made = windows.getValuesAs(JsonObject.class).stream()
                .map(w -> w.getJsonObject("window")).filter(w -> "Console window".equals(w.getString("message")))
                .findFirst().orElseThrow();
        assertEquals(90 * 60_000L, made.getJsonNumber("end").longValue() - made.getJsonNumber("start").longValue());
        assertEquals(jakarta.json.JsonValue.NULL, made.get("by"), "strangers are not told who planned it");
        assertTrue(breaker.api().get("/api/maintenance/windows", "Authorization", "Bearer " + Api.TOKEN).body()
                .contains("\"by\":\"default\""), "operators are");
        JsonObject rule = made.getJsonObject("recurrence");
        assertEquals("week", rule.getString("every"));
        assertEquals(operator.js("return Intl.DateTimeFormat().resolvedOptions().timeZone;"), rule.getString("zone"),
                "the operator's own clock");
        operator.await("the window listed", SOON,
                d -> operator.text("windows").contains("Console window · planned by default"));

        operator.driver.findElement(By.xpath("//ul[@id='windows']/li[contains(., 'Console window')]/button")).click();
        operator.driver.switchTo().alert().accept();
        operator.awaitText("schedule-result", "Window cancelled.", SOON);
        assertTrue(Api.array(breaker.api().get("/api/maintenance/windows")).getValuesAs(JsonObject.class).stream()
                .noneMatch(w -> w.getJsonObject("window").getString("id").equals(made.getString("id"))));
    }

    @Test
    void everyScopeAtAGlanceAndOneClosedAndOpenedAtATime() {
        signedIn();
        operator.await("the scopes listed", SOON, d -> operator.text("scopes").contains("checkout (/checkout/): Open"));
        assertTrue(operator.text("scopes").contains("site (everything): "), operator.text("scopes"));
        new org.openqa.selenium.support.ui.Select(operator.element("scope-name")).selectByValue("checkout");
        type("scope-message", "Payments move house");
        type("scope-minutes", "15");
        click("#scope-form button[type=submit]");
        operator.awaitText("scope-result", "checkout is closed.", SOON);
        operator.await("checkout closed, live", SOON,
                d -> operator.text("scopes").contains("checkout (/checkout/): Closed, Payments move house · 1"));
        JsonObject checkout = Api.json(breaker.api().get("/api/maintenance/scopes/checkout/status"));
        assertTrue(checkout.getBoolean("isActive"));
        assertTrue(checkout.getInt("countdown") > 890, checkout.toString());
        assertTrue(!"Payments move house".equals(breaker.api().status().getString("message")),
                "one scope at a time: not the site");
        click("button[aria-label='Open checkout']");
        operator.await("checkout open again", SOON, d -> operator.text("scopes").contains("checkout (/checkout/): Open"));
        assertEquals(false, Api.json(breaker.api().get("/api/maintenance/scopes/checkout/status")).getBoolean("isActive"));
    }

    @Test
    void aViewerSeesWhoDidWhatAndIsOfferedNoChange() {
        Command added = Command.run(Map.of("CIRCUIT_BREAKER_OPERATORS_FILE", work.resolve("operators.json").toString()),
                "bash", "scripts/circuit-breaker-status.sh", "operator", "add", "grafana", "--role", "viewer");
        assertEquals(0, added.exitCode(), added.toString());
        String viewer = added.out().strip();
        Waits.await("the service to follow the operators file", SOON, () -> breaker.api().get(
                "/api/maintenance/console/caller", "Authorization", "Bearer " + viewer).statusCode() == 200);
        post("{\"message\":\"Signed by the default operator\",\"countdown\":600}");
        signIn(viewer);
        operator.await("the console to go live", SOON,
                d -> "live".equals(operator.element("connection").getAttribute("data-state")));
        operator.awaitText("signed-in", "Signed in as grafana (viewer: reads only)", SOON);
        assertEquals("opened by an operator (default)", operator.text("cause"));
        assertTrue(operator.text("timeline").contains("on by default: Signed by the default operator"),
                operator.text("timeline"));
        for (String control : List.of("close", "publish", "everyone")) {
            assertFalse(operator.element(control).isDisplayed(), control + " is not offered to a viewer");
        }
        assertFalse(operator.element("scope-message").isEnabled(), "nor the scope's form");
        post("{\"isActive\":false}");
    }

    /** Signing out of a provider's session reloads the page: an element may belong to the page before it. */
    void awaitSignInAfterReload() {
        operator.await("the sign-in form again", SOON, d -> {
            try {
                return operator.element("token").isDisplayed();
            } catch (org.openqa.selenium.WebDriverException e) {
                return false;
            }
        });
    }

    void signInThroughTheProvider(String login) {
        OpenIdProvider.signIn(operator, breaker.api().uri("/console"), login);
    }

    @Test
    void aPersonSignsInThroughTheCompanysProviderAndActsOnlyWithinTheirClaim() throws Exception {
        signInThroughTheProvider("alice");
        operator.awaitText("signed-in", "Signed in as alice (operator: may change checkout)", SOON);
        operator.await("the console to go live", SOON,
                d -> "live".equals(operator.element("connection").getAttribute("data-state")));
        assertEquals(null, operator.js("return sessionStorage.getItem('circuit-breaker-token');"), "no token pasted");

        new org.openqa.selenium.support.ui.Select(operator.element("scope-name")).selectByValue("checkout");
        type("scope-message", "Alice moves the payments");
        click("#scope-form button[type=submit]");
        operator.awaitText("scope-result", "checkout is closed.", SOON);
        JsonObject overview = breaker.api().overview();
        assertEquals("alice", overview.getJsonObject("changedBy").getString("checkout"), "signed with her name");
        operator.await("the scopes list to name her", SOON,
                d -> operator.text("scopes").contains("last change by alice"));

        JsonObject site = breaker.api().status();
        type("draft-message", "Alice tries the whole site");
        click("#publish");
        operator.await("the service's refusal shown", SOON,
                d -> operator.text("action-result").contains("'alice' may change only checkout, not 'site'"));
        assertEquals(site.getJsonNumber("version"), breaker.api().status().getJsonNumber("version"),
                "the site is untouched");

        // A page of another site cannot use her session: without the console's header the API refuses.
        org.openqa.selenium.Cookie cookie = operator.driver.manage().getCookieNamed("JSESSIONID");
        assertEquals("Lax", cookie.getSameSite(), "not sent with another site's posts");
        assertTrue(cookie.isHttpOnly(), "out of scripts' reach");
        String session = cookie.getValue();
        var forged = breaker.api().send("/api/maintenance/scopes/checkout/status", "POST", "{\"isActive\":false}",
                "Content-Type", "application/json", "Cookie", "JSESSIONID=" + session);
        assertEquals(403, forged.statusCode(), forged.body());
        assertTrue(Api.json(breaker.api().get("/api/maintenance/scopes/checkout/status")).getBoolean("isActive"));
        breaker.api().send("/api/maintenance/scopes/checkout/status", "POST", "{\"isActive\":false}",
                "Content-Type", "application/json", "Authorization", "Bearer " + Api.TOKEN);

        click("#sign-out");
        awaitSignInAfterReload();
        assertEquals(401, breaker.api().get("/api/maintenance/console", "Cookie", "JSESSIONID=" + session,
                "X-Circuit-Breaker-Console", "1").statusCode(), "the session ended with the sign-out");

        // A viewer by the provider's claim reads and is offered no change.
        operator.cdp("Network.clearBrowserCookies");
        signInThroughTheProvider("grace");
        operator.awaitText("signed-in", "Signed in as grace (viewer: reads only)", SOON);
        assertFalse(operator.element("close").isDisplayed(), "no change offered");
        click("#sign-out");
        awaitSignInAfterReload();

        // Someone the provider knows but gives no right in the breaker is told so, plainly.
        operator.cdp("Network.clearBrowserCookies");
        signInThroughTheProvider("mallory");
        operator.awaitText("sign-in-error", "you are signed in as mallory, but the identity provider gives you no "
                + "right in the breaker: your claim 'circuit_breaker' needs viewer, operator or operator:SCOPE. Ask "
                + "whoever manages the provider", SOON);
        assertFalse(operator.element("desk").isDisplayed());
        assertTrue(operator.element("sign-out").isDisplayed(), "and may sign out to try another account");
    }

    @Test
    void axeFindsNothingInLightOrDarkAndAPhoneNeedsNoSidewaysScroll() throws Exception {
        post("{\"message\":\"Checked by axe\",\"currentIssue\":\"Accessibility\",\"countdown\":900}");
        // Every panel filled: a planned window, a visitor waiting, a few timeline entries.
        long start = System.currentTimeMillis() + 2 * 86_400_000L;
        var window = breaker.api().send("/api/maintenance/windows", "POST", "{\"start\":" + start + ",\"end\":"
                + (start + 3_600_000) + ",\"message\":\"Database upgrade\"}", "Content-Type", "application/json",
                "Authorization", "Bearer " + Api.TOKEN);
        assertTrue(window.statusCode() == 201 || window.body().contains("overlap"), window.body());
        visitorArrives();
        visitor.awaitText("message", "Checked by axe", SOON);
        for (String scheme : List.of("light", "dark")) {
            operator.prefer("prefers-color-scheme", scheme);
            operator.js("sessionStorage.clear();");
            signedIn();
            operator.awaitText("message", "Checked by axe", SOON);
            JsonObject result = operator.axe();
            assertEquals(0, result.getJsonArray("violations").size(), scheme + ": " + result.getJsonArray("violations"));
            operator.screen(1440, 1560, false); // tall enough to show every panel in the documentation
            operator.awaitText("visitors-here", "1", SOON);
            click("input[name=theme][value=" + scheme + "]"); // the emulated scheme reaches the frame anyway
            operator.js("document.activeElement.blur();");
            operator.screenshot("console-" + scheme);
            operator.cdp("Emulation.clearDeviceMetricsOverride");
        }
        operator.preferNothing();
        operator.screen(390, 844, true);
        operator.js("sessionStorage.clear();");
        signedIn();
        operator.awaitText("message", "Checked by axe", SOON);
        click("input[name=width][value=phone]");
        long overflow = (Long) operator.js(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertEquals(0L, overflow, "no sideways scroll on a phone");
        operator.js("window.scrollTo(0, 0);");
        operator.screenshot("console-phone");
    }
}
