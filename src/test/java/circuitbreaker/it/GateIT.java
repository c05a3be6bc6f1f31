package circuitbreaker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import circuitbreaker.gate.control.Bypass;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The breaker as the authority over who reaches the site: a real main site (a process of its own) behind real nginx
 * and Caddy, each with the configuration shipped in server-config/front-proxy/, asking the breaker's gate; the
 * watcher tripping and recovering when the site dies and comes back; the bypass cookie. One breaker for all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GateIT {

    static final String SECRET = "deploy-check-0123456789";
    static final String WATCHER_MESSAGE =
            "Something unexpected went wrong. We are already working on it and will be back as soon as we can.";
    static final Duration SOON = Duration.ofSeconds(10);

    @TempDir
    static Path work;

    int sitePort;
    MainSite.Running site;
    ServiceProcess breaker;
    GatedProxy nginx;
    GatedProxy caddy;
    ScopeChecks scopes;
    MainSite.Running apiSite;

    @BeforeAll
    void start() throws Exception {
        sitePort = ServiceProcess.freePort();
        site = new MainSite.Running(sitePort).start();
        apiSite = new MainSite.Running(ServiceProcess.freePort()).start();
        breaker = new ServiceProcess(work, Map.of(
                "CIRCUIT_BREAKER_WATCH_URL", "http://127.0.0.1:" + sitePort + "/health",
                "CIRCUIT_BREAKER_WATCH_INTERVAL", "1",
                "CIRCUIT_BREAKER_WATCH_TIMEOUT", "1",
                "CIRCUIT_BREAKER_WATCH_FAILURES", "2",
                "CIRCUIT_BREAKER_WATCH_SUCCESSES", "2",
                "CIRCUIT_BREAKER_BYPASS_SECRET", SECRET,
                "CIRCUIT_BREAKER_GATE_OPEN_PATHS", "/.well-known/acme-challenge/",
                "CIRCUIT_BREAKER_SCOPES_FILE", ScopeChecks.write(work, apiSite.port).toString()));
        breaker.start();
        scopes = new ScopeChecks(breaker, apiSite);
        nginx = GatedProxy.nginx(work, "127.0.0.1", sitePort, breaker.port, GatedProxy.KEEP_CLOSED,
                ScopeChecks.PREFIXES);
        caddy = GatedProxy.caddyForEveryHost(work, sitePort, breaker);
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable part : new AutoCloseable[] {nginx, caddy, site, apiSite}) {
            if (part != null) {
                part.close();
            }
        }
        if (breaker != null) {
            breaker.stopQuietly();
        }
    }

    @BeforeEach
    void siteOpenAndHealthy() throws Exception {
        if (!site.alive()) {
            site = new MainSite.Running(sitePort).start();
        }
        site.mode("healthy");
        post("{\"isActive\":false}");
        scopes.openEverything();
    }

    Stream<GatedProxy> proxies() {
        return Stream.of(nginx, caddy);
    }

    JsonObject post(String json) {
        HttpResponse<String> answer = breaker.api().post(json, "Content-Type", "application/json");
        assertEquals(200, answer.statusCode(), answer.body());
        return Api.json(answer).getJsonObject("state");
    }

    static boolean fromSite(HttpResponse<String> answer) {
        return answer.headers().firstValue("X-Main-Site").isPresent()
                && answer.headers().firstValue("X-Circuit-Breaker").isEmpty();
    }

    static boolean isPage(HttpResponse<String> answer) {
        return answer.statusCode() == 503 && answer.headers().firstValue("X-Circuit-Breaker").isPresent()
                && answer.headers().firstValue("X-Main-Site").isEmpty();
    }

    /**
     * A front keeps a gate answer to the end of its second at most (docs/operations.md: "within a second"): a change
     * reaches its visitors within 1 s of being acknowledged, plus one request's time on a busy shared machine.
     */
    static final long FRONT_BOUND_MILLIS = 1_500;

    /** Polls the path through the proxy every 10 ms until the answer satisfies the condition; the time it took. */
    static long millisUntil(GatedProxy proxy, String path, Predicate<HttpResponse<String>> condition, long since)
            throws InterruptedException {
        long deadline = System.nanoTime() + SOON.toNanos();
        while (!condition.test(proxy.api().get(path))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(proxy + ": " + path + " did not change within " + SOON);
            }
            Thread.sleep(10);
        }
        return (System.nanoTime() - since) / 1_000_000;
    }

    @ParameterizedTest(name = "through {0}", autoCloseArguments = false) // the proxies serve every test
    @MethodSource("proxies")
    void theBreakerDecidesWhoReachesTheSiteAndEachChangeArrives(GatedProxy proxy) throws Exception {
        Api visitor = proxy.api();
        millisUntil(proxy, "/", GateIT::fromSite, System.nanoTime());
        assertTrue(visitor.get("/").body().contains("Welcome back"));
        HttpResponse<String> missing = visitor.get("/missing");
        assertEquals(404, missing.statusCode());
        assertEquals("main site: no such page", missing.body(), "the site's own 404, untouched");
        HttpResponse<String> busy = visitor.get("/busy");
        assertEquals(503, busy.statusCode());
        assertEquals("main site: its own 503", busy.body(), "the site's own 503, untouched");
        assertTrue(fromSite(busy));
        assertEquals(401, visitor.get("/private").statusCode());
        HttpResponse<String> form = visitor.send("/echo", "POST", "name=Ada&note=%E2%9C%93", "Content-Type",
                "application/x-www-form-urlencoded");
        assertEquals("POST name=Ada&note=%E2%9C%93", form.body(), "the visitor's own method and body reach the site");

        post("{\"message\":\"Closed by the gate\",\"countdown\":600}");
        long acknowledged = System.nanoTime(); // from here the update is the breaker's: on disk, in every gate
        assertEquals(503, breaker.api().get("/api/maintenance/gate").statusCode(),
                "the breaker's own gate follows the answer at once");
        long closing = millisUntil(proxy, "/", GateIT::isPage, acknowledged);
        System.out.printf("%s: POST isActive:true acknowledged to the page for visitors: %d ms%n", proxy, closing);
        assertTrue(closing <= FRONT_BOUND_MILLIS, proxy + " kept the open answer " + closing + " ms");
        for (String path : new String[] {"/", "/missing", "/busy", "/private", "/deep/path?q=1"}) {
            // Each path's answer is kept on its own until the end of its second: each turns within the second.
            long pathClosing = millisUntil(proxy, path, GateIT::isPage, acknowledged);
            HttpResponse<String> page = visitor.get(path);
            assertTrue(isPage(page), path + " is the page");
            assertTrue(page.body().contains("Closed by the gate"), path);
            assertTrue(Long.parseLong(page.headers().firstValue("Retry-After").orElseThrow()) > 590);
            assertEquals("no-store", page.headers().firstValue("Cache-Control").orElseThrow(), "browsers keep nothing");
            assertTrue(page.headers().firstValue("X-Accel-Expires").isEmpty(), "the proxy's hint stays with it");
        }
        assertTrue(fromSite(visitor.get("/.well-known/acme-challenge/token-1")), "an always-open prefix passes");
        HttpResponse<String> upcoming = visitor.get("/circuit-breaker/upcoming");
        assertEquals(200, upcoming.statusCode(), "the banner's data, from the site's own origin");
        assertTrue(upcoming.body().startsWith("{\"upcoming\":"), upcoming.body());
        assertEquals(200, visitor.get("/circuit-breaker/banner.js").statusCode());

        post("{\"isActive\":false}");
        acknowledged = System.nanoTime();
        assertEquals(204, breaker.api().get("/api/maintenance/gate").statusCode(),
                "the breaker's own gate follows the answer at once");
        long opening = millisUntil(proxy, "/", GateIT::fromSite, acknowledged);
        System.out.printf("%s: POST isActive:false acknowledged to the site for visitors: %d ms%n", proxy, opening);
        assertTrue(opening <= FRONT_BOUND_MILLIS, proxy + " kept the closed answer " + opening + " ms");
    }

    @ParameterizedTest(name = "through {0}", autoCloseArguments = false) // the proxies serve every test
    @MethodSource("proxies")
    void aBypassCookieLetsItsHolderThroughAndNoForgedExpiredOrMissingOneDoes(GatedProxy proxy) throws Exception {
        Api visitor = proxy.api();
        post("{\"message\":\"Deploy under test\",\"countdown\":600}");
        millisUntil(proxy, "/", GateIT::isPage, System.nanoTime());

        HttpResponse<String> wrong = visitor.get(Bypass.PATH + SECRET + "x");
        assertTrue(isPage(wrong), "a wrong secret gets the ordinary page");
        assertTrue(wrong.headers().firstValue("Set-Cookie").isEmpty());

        HttpResponse<String> grant = visitor.get(Bypass.PATH + SECRET);
        assertEquals(303, grant.statusCode(), grant.toString());
        assertEquals("/", grant.headers().firstValue("Location").orElseThrow());
        String setCookie = grant.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("Max-Age="), setCookie);
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));

        assertTrue(fromSite(visitor.get("/", "Cookie", cookie)), "the holder sees the site");
        assertTrue(fromSite(visitor.get("/deep/page", "Cookie", "theme=dark; " + cookie)));
        assertTrue(isPage(visitor.get("/")), "everyone else gets the page");
        String forged = cookie.substring(0, cookie.length() - 1) + (cookie.endsWith("A") ? "B" : "A");
        assertTrue(isPage(visitor.get("/", "Cookie", forged)), "a forged cookie");
        String expired = new Bypass(Optional.of(SECRET), Optional.empty(), 60)
                .cookie(System.currentTimeMillis() - 3_600_000, false);
        assertTrue(isPage(visitor.get("/", "Cookie", expired.substring(0, expired.indexOf(';')))), "an expired one");
        assertFalse(breaker.runLog().contains(SECRET), "the secret never reaches the log");
    }

    @ParameterizedTest(name = "through {0}", autoCloseArguments = false)
    @MethodSource("proxies")
    void eachScopeClosesOnlyWhatItCoversWithItsOwnPage(GatedProxy proxy) throws Exception {
        scopes.eachScopeClosesOnlyWhatItCoversWithItsOwnPage(proxy);
    }

    @Test
    void theScopesApiNamesEveryScopeAndRefusesWhatIsNone() {
        scopes.theApiNamesEveryScopeAndRefusesWhatIsNone();
    }

    @Test
    void aWatcherOnAScopeTripsThatScopeOnly() throws Exception {
        scopes.aWatcherOnAScopeTripsThatScopeOnly(caddy);
    }

    @ParameterizedTest(name = "through {0}", autoCloseArguments = false)
    @MethodSource("proxies")
    void aScopesFeedFollowsThatScopeOnly(GatedProxy proxy) throws Exception {
        scopes.aScopesFeedFollowsThatScopeOnly(proxy);
    }

    @Test
    void aVisitorSeesTheScopesPageLiveAndIsTakenBackWhenItEnds() throws Exception {
        scopes.aVisitorSeesTheScopesPageLiveAndIsTakenBackWhenItEnds(nginx);
    }

    @Test
    void theBreakerTripsWhenTheSiteDiesAndTakesVisitorsBackWhenItReturns() throws Exception {
        millisUntil(nginx, "/", GateIT::fromSite, System.nanoTime());
        try (SocketClient socket = new SocketClient(breaker.api().base()); Browser browser = new Browser()) {
            socket.next("statusUpdate", SOON);
            browser.open(nginx.uri());
            assertEquals("Main site", browser.driver.getTitle());

            long killed = System.nanoTime();
            site.kill();
            JsonObject trip = nextStatus(socket, s -> s.getBoolean("isActive"));
            long tripMillis = (System.nanoTime() - killed) / 1_000_000;
            System.out.printf("Main site killed -9 to the trip on a socket: %d ms (2 failures a second apart)%n",
                    tripMillis);
            assertTrue(tripMillis >= 500 && tripMillis <= 10_000, "two failed probes a second apart: " + tripMillis
                    + " ms");
            assertEquals("watcher", trip.getString("cause"));
            assertEquals(WATCHER_MESSAGE, trip.getString("message"));
            assertEquals(JsonValue.NULL, trip.get("estimatedCompletion"), "no promised end");

            millisUntil(nginx, "/", GateIT::isPage, System.nanoTime());
            assertTrue(nginx.api().get("/", "Accept-Language", "de").body().contains("Etwas Unerwartetes"),
                    "in the visitor's language");
            JsonObject watcher = breaker.api().health().getJsonObject("watcher");
            assertEquals("open", watcher.getString("breaker"));
            assertTrue(watcher.getInt("failuresInRow") >= 2, watcher.toString());
            assertTrue(watcher.getBoolean("lastCheckFailed"), watcher.toString());
            assertFalse(watcher.containsKey("lastError"), "why is for operators, not the public /health: " + watcher);
            assertNotEquals(JsonValue.NULL, breaker.api().overview().getJsonObject("watcher").get("lastError"));
            browser.open(nginx.uri());
            assertEquals(WATCHER_MESSAGE, browser.text("message"));

            site = new MainSite.Running(sitePort).start();
            long back = System.nanoTime(); // it answers from here
            JsonObject recovery = nextStatus(socket, s -> !s.getBoolean("isActive"));
            long recoveryMillis = (System.nanoTime() - back) / 1_000_000;
            System.out.printf("Main site back to the recovery on a socket: %d ms%n", recoveryMillis);
            assertTrue(recoveryMillis <= 10_000, "recovered after " + recoveryMillis + " ms");
            assertEquals("watcher", recovery.getString("cause"));
            browser.await("the open page to take the visitor back to the site by itself", Duration.ofSeconds(15),
                    d -> "Main site".equals(d.getTitle()));
            assertEquals("closed", breaker.api().health().getJsonObject("watcher").getString("breaker"));
        }
    }

    @Test
    void anOperatorsUpdateDuringATripIsNotUndoneByTheRecovery() throws Exception {
        try (SocketClient socket = new SocketClient(breaker.api().base())) {
            socket.next("statusUpdate", SOON);
            site.mode("slow"); // no answer within the watcher's timeout
            assertEquals("watcher", nextStatus(socket, s -> s.getBoolean("isActive")).getString("cause"));
            JsonObject taken = post("{\"message\":\"We know: the database is being repaired\"}");
            assertEquals("operator", taken.getString("cause"));

            site.mode("healthy");
            Waits.await("as many successes in a row as a recovery needs", SOON,
                    () -> breaker.api().health().getJsonObject("watcher").getInt("successesInRow") >= 3);
            JsonObject status = breaker.api().status();
            assertTrue(status.getBoolean("isActive"), "the operator decides when it ends");
            assertEquals("We know: the database is being repaired", status.getString("message"));
            JsonObject watcher = breaker.api().health().getJsonObject("watcher");
            assertTrue(watcher.getInt("successesInRow") >= 2, watcher.toString());
            assertEquals("closed", watcher.getString("breaker"), "the operator's maintenance is not a trip");
        }
    }

    @Test
    void aSiteAnsweringServerErrorsTripsItTooAndItRecoversByItself() throws Exception {
        try (SocketClient socket = new SocketClient(breaker.api().base())) {
            socket.next("statusUpdate", SOON);
            site.mode("failing"); // every answer a 500
            JsonObject trip = nextStatus(socket, s -> s.getBoolean("isActive"));
            assertEquals("watcher", trip.getString("cause"));
            assertEquals("HTTP 500", breaker.api().overview().getJsonObject("watcher").getString("lastError"));
            site.mode("healthy");
            JsonObject recovery = nextStatus(socket, s -> !s.getBoolean("isActive"));
            assertEquals(trip.getJsonNumber("version").longValue() + 1, recovery.getJsonNumber("version").longValue(),
                    "one trip, one recovery, nothing between");
        }
    }

    @Test
    void withoutATokenTheConsoleOpensOnLoopbackAndShowsTheWatcher() throws Exception {
        try (Browser operator = new Browser()) {
            operator.open(breaker.api().uri("/console"));
            operator.await("the console, without signing in", SOON, d -> operator.element("desk").isDisplayed());
            assertFalse(operator.element("sign-in").isDisplayed());
            assertFalse(operator.element("sign-out").isDisplayed(), "no token, nothing to sign out of");
            operator.awaitText("watcher", "Closed: the site answers. Watching http://127.0.0.1:" + sitePort
                    + "/health from this instance.", SOON);
            site.mode("failing");
            operator.await("the trip, live", SOON, d -> operator.text("watcher").startsWith("Tripped"));
            assertEquals("On", operator.text("state"));
            assertEquals("opened by the automatic breaker", operator.text("cause"));
            site.mode("healthy");
            operator.await("the recovery, live", SOON, d -> operator.text("watcher").startsWith("Closed"));
            assertEquals("Off", operator.text("state"));
        }
    }

    static JsonObject nextStatus(SocketClient socket, Predicate<JsonObject> condition) throws InterruptedException {
        long deadline = System.nanoTime() + SOON.toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject status = socket.next("statusUpdate", SOON).data();
            if (condition.test(status)) {
                return status;
            }
        }
        throw new AssertionError("no such statusUpdate within " + SOON);
    }
}
