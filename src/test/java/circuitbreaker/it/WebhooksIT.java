package circuitbreaker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks as a team receives them: real HTTP receivers on loopback, the receivers' file changed while the service
 * runs, each signature checked with the Standard Webhooks reference library from npm, and a kill -9 in between.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhooksIT {

    static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(
            "a 32-byte secret for the tests!!".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    static final Duration SOON = Duration.ofSeconds(10);

    @TempDir
    static Path work;

    Receivers receivers;
    ServiceProcess service;
    Path hooks;
    String ok;
    String flaky;
    String chat;

    @BeforeAll
    void start() throws Exception {
        receivers = new Receivers();
        ok = receivers.receiver("/ok", n -> 204);
        flaky = receivers.receiver("/flaky", n -> n <= 2 ? 500 : 200);
        chat = receivers.receiver("/chat", n -> 200);
        hooks = work.resolve("webhooks.json");
        subscribe(hook(ok, null, null), hook(flaky, "maintenance.updated", null), hook(chat, "maintenance.opened", "slack"),
                "{\"url\":\"ftp://example.org/hook\",\"secret\":\"" + SECRET + "\"}",
                "{\"url\":\"http://127.0.0.1:9/hook\",\"secret\":\"not-a-secret\"}");
        service = new ServiceProcess(work, Map.of("CIRCUIT_BREAKER_WEBHOOKS_FILE", hooks.toString(),
                "CIRCUIT_BREAKER_WEBHOOKS_RETRY_SECONDS", "1"));
        // A maintenance already on when the service starts: the first test ends it.
        long now = System.currentTimeMillis();
        Files.writeString(service.stateFile(), "{\"isActive\":true,\"message\":\"On before the start\",\"currentIssue\":"
                + "\"Before\",\"startTime\":" + now + ",\"estimatedCompletion\":null,\"updatedAt\":" + now
                + ",\"version\":1,\"cause\":\"operator\"}");
        service.start();
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.stopQuietly();
        }
        receivers.close();
    }

    static String hook(String url, String event, String format) {
        return hookFor(url, event == null ? List.of() : List.of(event), format);
    }

    /** A receiver's entry in the webhooks file; no events: all of them. */
    static String hookFor(String url, List<String> events, String format) {
        var hook = Json.createObjectBuilder().add("url", url).add("secret", SECRET);
        if (!events.isEmpty()) {
            var names = Json.createArrayBuilder();
            events.forEach(names::add);
            hook.add("events", names);
        }
        if (format != null) {
            hook.add("format", format);
        }
        return hook.build().toString();
    }

    /** Rewrites the receivers' file, as an operator would, and waits for the service to have read it. */
    void subscribe(String... entries) throws Exception {
        Files.writeString(hooks, "[" + String.join(",\n", entries) + "]");
        if (service != null) {
            List<String> urls = List.of(entries).stream().map(e -> Api.json(e).getString("url")).toList();
            Waits.await("the service to read the receivers' file again", SOON, () -> report().getJsonArray("receivers")
                    .getValuesAs(JsonObject.class).stream().map(r -> r.getString("url")).toList().equals(urls));
        }
    }

    /** GET /api/maintenance/webhooks: the receivers and the recent deliveries. */
    JsonObject report() {
        return Api.json(service.api().get("/api/maintenance/webhooks"));
    }

    /** The newest delivery to this receiver, as the service reports it, once there is one. */
    JsonObject delivery(String url) {
        return report().getJsonArray("deliveries").getValuesAs(JsonObject.class).stream()
                .filter(d -> d.getString("url").equals(url)).findFirst().orElse(null);
    }

    HttpResponse<String> post(String json) {
        HttpResponse<String> answer = service.api().post(json, "Content-Type", "application/json");
        assertEquals(200, answer.statusCode(), answer.body());
        return answer;
    }

    boolean verifies(Receivers.Received received, String body) throws Exception {
        Path input = Files.createTempFile(work, "webhook", ".json");
        Files.writeString(input, Json.createObjectBuilder().add("secret", SECRET).add("body", body)
                .add("headers", Json.createObjectBuilder().add("webhook-id", received.id())
                        .add("webhook-timestamp", received.timestamp()).add("webhook-signature", received.signature()))
                .build().toString());
        Process node = new ProcessBuilder("node", Path.of(getClass().getResource("/verify-webhook.cjs").toURI())
                .toString(), System.getProperty("node.modules"), input.toString()).redirectErrorStream(true).start();
        assertTrue(node.waitFor(30, TimeUnit.SECONDS));
        return node.exitValue() == 0;
    }

    @Test
    @Order(1)
    void eachEventArrivesOnceInOrderSignedSoTheReferenceVerifierAcceptsItAndNoOtherBody() throws Exception {
        post("{\"isActive\":false}");
        post("{\"message\":\"Opened for webhooks\",\"countdown\":600}");
        post("{\"message\":\"Half way\"}");
        long start = System.currentTimeMillis() + 2 * 86_400_000L;
        HttpResponse<String> window = service.api().send("/api/maintenance/windows", "POST", "{\"start\":" + start
                + ",\"end\":" + (start + 3_600_000) + ",\"message\":\"Planned\"}", "Content-Type", "application/json");
        assertEquals(201, window.statusCode(), window.body());
        String id = Api.json(window).getJsonObject("window").getString("id");
        assertEquals(204, service.api().send("/api/maintenance/windows/" + id, "DELETE", "").statusCode());
        post("{\"isActive\":false}");

        List<Receivers.Received> got = receivers.await("/ok", 6, SOON);
        assertEquals(List.of("maintenance.closed", "maintenance.opened", "maintenance.updated", "window.scheduled",
                "window.cancelled", "maintenance.closed"), got.stream().map(r -> r.json().getString("type")).toList(),
                "each once, in order");
        assertEquals(6, got.stream().map(Receivers.Received::id).distinct().count());
        assertEquals("Opened for webhooks", got.get(1).json().getJsonObject("data").getString("message"));
        assertEquals("Planned", got.get(3).json().getJsonObject("data").getString("message"));
        for (Receivers.Received received : got) {
            assertTrue(verifies(received, received.body()), "the reference verifier accepts " + received);
        }
        String changed = got.get(1).body().replace("Opened", "Opene\u0064").replace("webhooks", "webhookz");
        assertFalse(verifies(got.get(1), changed), "one byte changed and the signature fails");

        JsonObject slack = receivers.await("/chat", 1, SOON).get(0).json();
        assertTrue(slack.getString("text").startsWith("Maintenance is on: Opened for webhooks (until "), slack.toString());

        // The receiver that answers 500 twice gets the same event three times, further apart each time.
        List<Receivers.Received> tries = receivers.await("/flaky", 3, SOON);
        assertEquals(1, tries.stream().map(Receivers.Received::id).distinct().count(), "the same webhook-id: " + tries);
        assertEquals("maintenance.updated", tries.get(0).json().getString("type"));
        long first = (tries.get(1).at() - tries.get(0).at()) / 1_000_000;
        long second = (tries.get(2).at() - tries.get(1).at()) / 1_000_000;
        System.out.printf("Retries of a receiver answering 500, 500, 200: gaps %d ms, %d ms%n", first, second);
        assertTrue(first >= 700 && second > first, "growing gaps: " + first + " ms, then " + second + " ms");
        Waits.await("the third try to count as delivered", SOON, () -> delivery(flaky),
                d -> d.getString("status").equals("delivered"));
        assertEquals(3, receivers.at("/flaky").size(), "a 2xx ends it");

        String log = service.runLog();
        assertTrue(log.contains("Webhook receiver 4 in " + hooks + " is left out: url must be an http:// or https://"
                + " URL, not 'ftp://example.org/hook'"), "a clear line for a bad URL");
        assertTrue(log.contains("Webhook receiver 5 in " + hooks + " is left out: secret must be whsec_"),
                "a clear line for a bad secret");
        assertFalse(log.contains(SECRET.substring(6)), "the secret never reaches the log");

        HttpResponse<String> overview = service.api().get("/api/maintenance/webhooks");
        assertEquals(200, overview.statusCode());
        assertFalse(overview.body().contains(SECRET.substring(6)), "no secret in the API");
        JsonObject status = Api.json(overview);
        assertEquals(3, status.getJsonArray("receivers").size());
        assertTrue(status.getJsonArray("deliveries").getValuesAs(JsonObject.class).stream()
                .anyMatch(d -> d.getString("url").equals(flaky) && d.getInt("attempts") == 3
                        && d.getString("status").equals("delivered")), status.toString());
    }

    @Test
    @Order(2)
    void aReceiverThatNeverAnswersSlowsNeitherTheApiNorTheOtherReceiver() throws Exception {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket dead = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!dead.isClosed()) {
                    try {
                        held.add(dead.accept()); // accepted, never read, never answered
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String never = "http://127.0.0.1:" + dead.getLocalPort() + "/hook";
            List<Long> without = new ArrayList<>();
            List<Long> with = new ArrayList<>();
            for (int round = 0; round < 6; round++) { // taking turns, so a disturbance hits both alike
                subscribe();
                without.addAll(burst("without " + round));
                subscribe(hook(never, null, null));
                with.addAll(burst("with " + round));
            }
            // How much it costs is a figure, printed here and kept in docs/performance.md, not judged: beside the
            // test class that shares the machine, a p99 follows that class's load. What is judged: no answer
            // waited for the dead receiver, which the courier gives up on only after its 10 s timeout.
            System.out.printf("6 x 100 POSTs each, p99: %.2f ms without webhooks, %.2f ms with a receiver that never"
                    + " answers%n", p99(without) / 1000.0, p99(with) / 1000.0);
            long slowest = with.stream().max(Long::compare).orElseThrow();
            assertTrue(slowest < 5_000_000, "an answer waited " + slowest + " µs: for the dead receiver?");

            // The dead receiver still hangs on its first delivery; the other one gets every update at once.
            subscribe(hook(never, null, null), hook(ok, null, null));
            int okBefore = receivers.at("/ok").size();
            long sent = System.nanoTime();
            burst("beside the dead one");
            receivers.await("/ok", okBefore + 100, SOON);
            System.out.printf("100 updates to the other receiver while one hangs: all delivered %d ms after the"
                    + " first was sent%n", (System.nanoTime() - sent) / 1_000_000);
            assertTrue(Api.json(service.api().get("/api/maintenance/webhooks")).getInt("pending") >= 100,
                    "the dead receiver's deliveries wait, in its own queue");
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
            subscribe(hook(ok, null, null));
        }
    }

    List<Long> burst(String name) {
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            long sent = System.nanoTime();
            post("{\"message\":\"Burst " + name + " " + i + "\"}");
            micros.add((System.nanoTime() - sent) / 1000);
        }
        return micros;
    }

    static long p99(List<Long> micros) {
        List<Long> sorted = micros.stream().sorted().toList();
        return sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1);
    }

    @Test
    @Order(3)
    void deliveriesPendingAtAKillMinus9ArriveAfterTheRestart() throws Exception {
        int port = ServiceProcess.freePort();
        String later = "http://127.0.0.1:" + port + "/later";
        subscribe(hook(later, "maintenance.updated", null));
        post("{\"message\":\"Told after the kill\"}");
        JsonObject tried = Waits.await("a first try, refused: nobody listens yet", SOON, () -> delivery(later),
                d -> d.getInt("attempts") >= 1);
        assertEquals("pending", tried.getString("status"), "kept to be tried again");
        service.crash();
        try (Receivers back = new Receivers(port)) {
            back.receiver("/later", n -> 200);
            service.start();
            Receivers.Received arrived = back.await("/later", 1, SOON).get(0);
            assertEquals("Told after the kill", arrived.json().getJsonObject("data").getString("message"));
            assertTrue(verifies(arrived, arrived.body()));
        }
    }
}
