package circuitbreaker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * Scopes (SPEC §17) through the shipped fronts, as GateIT runs them: a shop host with its checkout under /checkout/, an
 * API host, and the whole site. Requests name their host as a browser would (Host), nothing is resolved.
 */
final class ScopeChecks {

    static final String SHOP = "shop.example.test";
    static final String API_HOST = "api.example.test";
    static final List<String> PREFIXES = List.of("/checkout/");
    static final Duration SOON = Duration.ofSeconds(10);

    private final ServiceProcess breaker;
    private final MainSite.Running apiSite;

    /** @param apiSite the API's own application, which the api scope's watcher asks */
    ScopeChecks(ServiceProcess breaker, MainSite.Running apiSite) {
        this.breaker = breaker;
        this.apiSite = apiSite;
    }

    /** The operator's file, beside the breaker's state: the most specific scope may come anywhere in it. */
    static Path write(Path folder, int apiPort) throws Exception {
        return Files.writeString(folder.resolve("fleet-scopes.json"), """
                [
                  {"name": "checkout", "hosts": ["%1$s"], "paths": ["/checkout/"]},
                  {"name": "shop", "hosts": ["%1$s"]},
                  {"name": "api", "hosts": ["%2$s"], "watchUrl": "http://127.0.0.1:%3$d/health"}
                ]
                """.formatted(SHOP, API_HOST, apiPort));
    }

    JsonObject change(String scope, String json) {
        HttpResponse<String> answer = breaker.api().send("/api/maintenance/scopes/" + scope + "/status", "POST", json,
                "Content-Type", "application/json");
        assertEquals(200, answer.statusCode(), () -> answer.body() + " " + answer.headers().map());
        return Api.json(answer).getJsonObject("state");
    }

    void openEverything() throws Exception {
        apiSite.mode("healthy");
        for (String scope : List.of("checkout", "shop", "api")) {
            change(scope, "{\"isActive\":false}");
        }
    }

    /** What a visitor to that host and path gets through the front, once the front has it (its answers last 1 s). */
    static HttpResponse<String> until(GatedProxy front, String host, String path,
            Predicate<HttpResponse<String>> condition) throws InterruptedException {
        long deadline = System.nanoTime() + SOON.toNanos();
        HttpResponse<String> answer = front.api().get(path, "Host", host);
        while (!condition.test(answer)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(front + ": " + host + path + " answered " + answer.statusCode() + " "
                        + answer.body().lines().limit(3).toList());
            }
            Thread.sleep(20);
            answer = front.api().get(path, "Host", host);
        }
        return answer;
    }

    static Predicate<HttpResponse<String>> page(String message) {
        return answer -> GateIT.isPage(answer) && answer.body().contains(message);
    }

    void eachScopeClosesOnlyWhatItCoversWithItsOwnPage(GatedProxy front) throws Exception {
        change("checkout", "{\"message\":\"Payments are moving house\",\"countdown\":900}");
        until(front, SHOP, "/checkout/cart", page("Payments are moving house"));
        assertTrue(GateIT.fromSite(front.api().get("/cart", "Host", SHOP)), "the shop's other paths pass");
        assertTrue(GateIT.fromSite(front.api().get("/checkout/cart", "Host", API_HOST)), "another host passes");
        assertTrue(GateIT.fromSite(front.api().get("/checkout/cart")), "an address no scope names passes");
        assertTrue(page("Payments are moving house").test(front.api().get("/%63heckout/cart", "Host", SHOP)),
                "the same path, however it is written");
        assertTrue(page("Payments are moving house").test(front.api().get("/checkout/cart", "Host", SHOP,
                "X-Circuit-Breaker-Scope", "shared")), "a visitor cannot ask for the answer every path shares");

        change("shop", "{\"message\":\"The shop is restocking\"}");
        until(front, SHOP, "/cart", page("The shop is restocking"));
        until(front, SHOP, "/checkout/cart", page("Payments are moving house")); // the most specific closed one
        assertTrue(GateIT.fromSite(front.api().get("/", "Host", API_HOST)));

        assertEquals(200, breaker.api().post("{\"message\":\"Everything rests\"}").statusCode());
        until(front, API_HOST, "/v1/orders", page("Everything rests"));
        until(front, "blog.example.test", "/", page("Everything rests"));
        assertTrue(page("Payments are moving house").test(front.api().get("/checkout/", "Host", SHOP)));
        assertEquals(200, breaker.api().post("{\"isActive\":false}").statusCode());

        change("checkout", "{\"isActive\":false}");
        until(front, SHOP, "/checkout/cart", page("The shop is restocking"));
        change("shop", "{\"isActive\":false}");
        until(front, SHOP, "/checkout/cart", GateIT::fromSite);
        until(front, API_HOST, "/", GateIT::fromSite);
    }

    /** The API at a glance and per scope; the whole site's own API unchanged beside it. */
    void theApiNamesEveryScopeAndRefusesWhatIsNone() {
        change("api", "{\"message\":\"API upgrade\",\"countdown\":60}");
        HttpResponse<String> all = breaker.api().get("/api/maintenance/scopes");
        assertEquals(200, all.statusCode());
        JsonArray scopes = Api.array(all);
        assertEquals(List.of("checkout", "shop", "api", "site"), scopes.stream()
                .map(s -> s.asJsonObject().getString("name")).toList(), "most specific first, the site last");
        JsonObject api = scopes.getJsonObject(2);
        assertEquals(List.of(API_HOST), api.getJsonArray("hosts").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList());
        assertEquals("API upgrade", api.getJsonObject("status").getString("message"));
        JsonObject status = Api.json(breaker.api().get("/api/maintenance/scopes/api/status"));
        assertTrue(status.getBoolean("isActive"));
        assertTrue(status.getInt("countdown") > 50 && status.getInt("countdown") <= 60, status.toString());
        assertEquals(false, breaker.api().status().getBoolean("isActive"), "the site's own state is apart");

        HttpResponse<String> none = breaker.api().get("/api/maintenance/scopes/blog/status");
        assertEquals(404, none.statusCode());
        assertEquals("no scope is named blog; the scopes are checkout, shop, api, site",
                Api.json(none).getString("error"));
        HttpResponse<String> stranger = breaker.api().send("/api/maintenance/scopes/api/status", "POST",
                "{\"isActive\":false}", "Content-Type", "application/json", "X-Forwarded-For", "203.0.113.9");
        assertEquals(403, stranger.statusCode(), "the operators' rule, as for the site");
        String metrics = breaker.api().get("/mp-metrics").body();
        assertTrue(metrics.lines().anyMatch(l -> l.matches(
                "circuitbreaker_scope_maintenance_active\\{.*\\bscope=\"api\".*} 1(\\.0)?")), "a series per scope");
        assertTrue(metrics.lines().anyMatch(l -> l.matches(
                "circuitbreaker_scope_maintenance_active\\{.*\\bscope=\"site\".*} 0(\\.0)?")), metrics);
        JsonObject history = Api.json(breaker.api().get("/api/maintenance/scopes/api/history?limit=1"));
        assertEquals("API upgrade", history.getJsonArray("entries").getJsonObject(0).getString("message"));
        assertTrue(breaker.api().get("/api/maintenance/history").body().indexOf("API upgrade") < 0,
                "the site's timeline is the site's");
        JsonObject reopening = change("api", "{\"isActive\":false,\"reopenSeconds\":30}");
        assertEquals("reopening", reopening.getString("phase"), "its waiting pages go back spread over 30 s");
        assertTrue(reopening.getJsonObject("reopening").getJsonNumber("until").longValue()
                > System.currentTimeMillis() + 25_000, reopening.toString());
        assertTrue(Api.json(breaker.api().get("/api/maintenance/scopes/api/history")).getJsonArray("finished")
                .stream().anyMatch(f -> f.asJsonObject().get("plannedSeconds") instanceof jakarta.json.JsonNumber n
                        && n.longValue() == 60), "its finished maintenance, with the end it first promised");

        JsonObject health = breaker.api().health().getJsonObject("scopes");
        assertEquals(4, health.getJsonArray("names").size());
        assertEquals(12, health.getString("fingerprint").length());
        assertTrue(health.getJsonArray("differ").isEmpty());
    }

    /** The api scope's watcher trips the api alone when its application fails, and takes it back when it answers. */
    void aWatcherOnAScopeTripsThatScopeOnly(GatedProxy front) throws Exception {
        try (SocketClient api = new SocketClient(front.uri(), "/circuit-breaker/ws/api")) {
            api.next("statusUpdate", SOON);
            apiSite.mode("failing");
            JsonObject trip = GateIT.nextStatus(api, s -> s.getBoolean("isActive"));
            assertEquals("watcher", trip.getString("cause"));
            until(front, API_HOST, "/v1/orders", page(GateIT.WATCHER_MESSAGE));
            assertTrue(GateIT.fromSite(front.api().get("/cart", "Host", SHOP)), "the shop passes");
            assertEquals(false, breaker.api().status().getBoolean("isActive"), "the whole site is not tripped");
            apiSite.mode("healthy");
            JsonObject recovery = GateIT.nextStatus(api, s -> !s.getBoolean("isActive"));
            assertEquals("watcher", recovery.getString("cause"));
            until(front, API_HOST, "/v1/orders", GateIT::fromSite);
        }
    }

    /** A scope's feed: its own frames, each naming it; the site's feed hears nothing of it. */
    void aScopesFeedFollowsThatScopeOnly(GatedProxy front) throws Exception {
        try (SocketClient checkout = new SocketClient(front.uri(), "/circuit-breaker/ws/checkout");
                SocketClient whole = new SocketClient(front.uri(), "/circuit-breaker/ws")) {
            SocketClient.Frame first = checkout.next("statusUpdate", SOON);
            assertEquals("checkout", first.scope());
            assertNull(whole.next("statusUpdate", SOON).scope(), "the site's frames stay as they were");
            change("checkout", "{\"message\":\"Card payments pause\",\"countdown\":300}");
            SocketClient.Frame update = checkout.next("statusUpdate", SOON);
            assertEquals("checkout", update.scope());
            assertEquals("Card payments pause", update.data().getString("message"));
            SocketClient.Frame tick = checkout.next("countdownUpdate", SOON);
            assertEquals("checkout", tick.scope());
            assertTrue(tick.data().getInt("countdown") > 290, tick.data().toString());
            assertTrue(whole.collect("statusUpdate", Duration.ofMillis(500)).isEmpty(), "not the site's news");
            assertTrue(whole.next("countdownUpdate", SOON).data().getInt("countdown") == 0, "the site's own count");
        } finally {
            change("checkout", "{\"isActive\":false}");
        }
        try (SocketClient none = new SocketClient(front.uri(), "/circuit-breaker/ws/blog")) {
            assertEquals(1008, none.awaitClose(SOON).code(), "no such scope");
        }
    }

    /** Chromium visiting the checkout by name: the scope's page, live, and back to where it was once it ends. */
    void aVisitorSeesTheScopesPageLiveAndIsTakenBackWhenItEnds(GatedProxy front) throws Exception {
        change("checkout", "{\"message\":\"Payments are moving house\",\"countdown\":900}");
        until(front, SHOP, "/checkout/cart", page("Payments are moving house"));
        try (Browser browser = new Browser("--host-resolver-rules=MAP " + SHOP + " 127.0.0.1")) {
            browser.open(java.net.URI.create("http://" + SHOP + ":" + front.uri().getPort() + "/checkout/cart"));
            assertEquals("Payments are moving house", browser.text("message"));
            browser.awaitText("connection", "Live", SOON);
            change("checkout", "{\"message\":\"Almost there\",\"countdown\":120}");
            browser.awaitText("message", "Almost there", SOON);
            browser.await("the countdown of the scope", SOON, d -> browser.text("countdown").startsWith("0"));
            change("checkout", "{\"isActive\":false,\"reopenSeconds\":5}"); // back at a moment of its own
            browser.await("back on the shop's own page", Duration.ofSeconds(30),
                    d -> "Main site".equals(browser.driver.getTitle()));
            assertEquals("http://" + SHOP + ":" + front.uri().getPort() + "/checkout/cart",
                    browser.driver.getCurrentUrl(), "where the visitor was");
        } finally {
            change("checkout", "{\"isActive\":false}");
        }
    }
}
