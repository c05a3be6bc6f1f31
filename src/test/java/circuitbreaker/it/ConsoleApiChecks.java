package circuitbreaker.it;

import static circuitbreaker.it.ServiceIT.API;
import static circuitbreaker.it.ServiceIT.STATE_FILE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the console reads, over plain HTTP: its page, the overview, the live feed and the preview of a draft. */
abstract class ConsoleApiChecks {

    static final String BEARER = "Bearer " + Api.TOKEN;

    static HttpResponse<String> preview(String lang, String draft, String... authorization) {
        String[] headers = authorization.length > 0 ? new String[] {"Content-Type", "application/json",
                "Authorization", authorization[0]} : new String[] {"Content-Type", "application/json"};
        return API.send("/api/maintenance/console/preview?lang=" + lang, "POST", draft, headers);
    }

    @Test
    void theConsoleIsOnePolicyBoundDocumentWithoutData() {
        assertEquals(200, API.post("{\"message\":\"Published words\",\"countdown\":600}").statusCode());
        HttpResponse<String> page = API.get("/console");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(policy.startsWith("default-src 'none'") && policy.contains("script-src 'sha256-")
                && policy.contains("frame-ancestors 'none'") && !policy.contains("unsafe"), policy);
        assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElseThrow());
        assertTrue(page.headers().firstValue("Cache-Control").orElseThrow().contains("no-store"));
        assertFalse(page.body().contains("Published words"), "the state comes only after signing in");
        assertFalse(page.body().matches("(?s).*(src|href)=\"https?:.*"), "nothing external");
    }

    @Test
    void everythingTheConsoleReadsNeedsTheToken() {
        for (String path : new String[] {"/api/maintenance/console", "/api/maintenance/console/feed"}) {
            assertEquals(401, API.get(path).statusCode(), path);
            HttpResponse<String> wrong = API.get(path, "Authorization", "Bearer not-the-token");
            assertEquals(401, wrong.statusCode(), path);
            assertEquals(false, Api.json(wrong).getBoolean("success"));
        }
        assertEquals(401, preview("en", "{\"message\":\"Sneaky\"}").statusCode());
    }

    @Test
    void theOverviewShowsEveryPartAsItsOwnerReportsIt() throws Exception {
        assertEquals(200, API.post("{\"message\":\"Overview check\",\"countdown\":600}").statusCode());
        try (SocketClient visitor = new SocketClient(API.base())) {
            visitor.next("statusUpdate", Duration.ofSeconds(5));
            HttpResponse<String> answer = API.get("/api/maintenance/console", "Authorization", BEARER);
            assertEquals(200, answer.statusCode());
            assertTrue(answer.headers().firstValue("Cache-Control").orElseThrow().contains("no-store"));
            JsonObject overview = Api.json(answer);
            JsonObject status = overview.getJsonObject("status");
            assertEquals("Overview check", status.getString("message"));
            assertEquals(API.status().getJsonNumber("version"), status.getJsonNumber("version"));
            JsonObject visitors = overview.getJsonObject("openSockets");
            assertTrue(visitors.getInt("here") >= 1, visitors.toString());
            assertEquals(visitors.getInt("here"), visitors.getInt("fleet"), "no cluster: the fleet is this one");
            assertEquals(visitors.getInt("here"), visitors.getJsonObject("byInstance")
                    .getInt(overview.getString("instance")));
            JsonObject health = Api.json(API.get("/health"));
            JsonObject watcher = overview.getJsonObject("watcher");
            for (String key : health.getJsonObject("watcher").keySet()) {
                if (!key.equals("lastCheckFailed")) {
                    assertEquals(health.getJsonObject("watcher").get(key), watcher.get(key), key);
                }
            }
            assertTrue(overview.getJsonObject("stateFile").getString("path").endsWith("maintenance-status.json"),
                    "the console says where the state is kept, /health does not");
            assertEquals(health.getString("version"), overview.getJsonObject("build").getString("version"));
            assertEquals(health.getString("commit"), overview.getJsonObject("build").getString("commit"));
            assertEquals(Api.array(API.get("/api/maintenance/windows")).size(), overview.getJsonArray("windows").size());
            assertEquals("Overview check", overview.getJsonObject("timeline").getJsonArray("entries")
                    .getJsonObject(0).getString("message"));
            assertTrue(overview.getJsonObject("webhooks").containsKey("deliveries"));
        }
    }

    @Test
    void theFeedSendsTheOverviewAtOnceThenEachChange() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(API.uri("/api/maintenance/console/feed"))
                .header("Authorization", BEARER).build();
        HttpResponse<InputStream> feed = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, feed.statusCode());
        assertTrue(feed.headers().firstValue("Content-Type").orElseThrow().startsWith("text/event-stream"));
        BlockingQueue<JsonObject> events = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (var lines = new BufferedReader(new InputStreamReader(feed.body(), StandardCharsets.UTF_8))) {
                String event = null;
                for (String line; (line = lines.readLine()) != null; ) {
                    if (line.startsWith("event:")) {
                        event = line.substring(6).strip();
                    } else if (line.startsWith("data:") && "overview".equals(event)) {
                        events.add(Api.json(line.substring(5).strip()));
                    }
                }
            } catch (Exception e) {
                // closed at the end of the test
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            assertTrue(events.poll(5, TimeUnit.SECONDS) != null, "the overview at once");
            assertEquals(200, API.post("{\"message\":\"Seen on the feed\",\"countdown\":900}").statusCode());
            long posted = System.nanoTime();
            JsonObject seen = null;
            while (seen == null && System.nanoTime() - posted < TimeUnit.SECONDS.toNanos(5)) {
                JsonObject next = events.poll(100, TimeUnit.MILLISECONDS);
                if (next != null && next.getJsonObject("status").getString("message").equals("Seen on the feed")) {
                    seen = next;
                }
            }
            assertNotNull(seen, "the change on the feed within 5 s of the POST");
        } finally {
            feed.body().close();
            reader.interrupt();
        }
    }

    @Test
    void aPreviewRendersTheDraftInTheAskedLanguageAndStoresNothing() throws Exception {
        assertEquals(200, API.post("{\"message\":\"What visitors read\",\"countdown\":600}").statusCode());
        JsonObject before = API.status();
        byte[] file = STATE_FILE.bytes();
        Path historyFile = Path.of(System.getProperty("it.state.dir"), "maintenance-history.json");
        String history = Files.readString(historyFile);

        HttpResponse<String> draft = preview("de",
                "{\"message\":\"Entwurf <script>alert(1)</script>\",\"countdown\":1200}", BEARER);
        assertEquals(200, draft.statusCode(), draft.body());
        assertTrue(draft.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(draft.headers().firstValue("Cache-Control").orElseThrow().contains("no-store"));
        assertTrue(draft.body().contains("<html lang=\"de\""), "the page in German");
        assertTrue(draft.body().contains("Entwurf &lt;script&gt;alert(1)&lt;/script&gt;"), "escaped, as on the page");
        assertTrue(draft.body().contains("20:00"), "the draft's countdown");

        assertEquals(before.getJsonNumber("version"), API.status().getJsonNumber("version"), "nothing published");
        assertEquals("What visitors read", API.status().getString("message"));
        assertArrayEquals(file, STATE_FILE.bytes(), "nothing saved");
        assertEquals(history, Files.readString(historyFile), "nothing in the timeline");
        String visitorsPage = API.get("/", "Accept-Language", "de").body();
        assertTrue(visitorsPage.contains("What visitors read") && !visitorsPage.contains("Entwurf"));
    }

    @Test
    void aBadDraftOrLanguageIsRefusedByName() {
        HttpResponse<String> negative = preview("en", "{\"countdown\":-5}", BEARER);
        assertEquals(400, negative.statusCode());
        assertTrue(Api.json(negative).getString("error").contains("countdown"), negative.body());
        HttpResponse<String> language = preview("xx", "{}", BEARER);
        assertEquals(400, language.statusCode());
        assertTrue(Api.json(language).getString("error").contains("lang"), language.body());
        assertEquals(415, API.send("/api/maintenance/console/preview", "POST", "{}", "Content-Type", "text/plain",
                "Authorization", BEARER).statusCode());
    }
}
