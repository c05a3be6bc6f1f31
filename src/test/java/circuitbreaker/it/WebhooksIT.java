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
    String everyOther;

    @BeforeAll
    void start() throws Exception {
        receivers = new Receivers();
        ok = receivers.receiver("/ok", n -> 204);
        flaky = receivers.receiver("/flaky", n -> n <= 5 ? 500 : 200);
        chat = receivers.receiver("/chat", n -> 200);
        everyOther = receivers.receiver("/every-other", n -> n % 2 == 1 ? 500 : 200);
        hooks = work.resolve("webhooks.json");
        subscribe(hook(ok, null, null), hook(flaky, "maintenance.updated", null), hook(chat, "maintenance.opened", "slack"),
                "{\"url\":\"ftp://example.org/hook\",\"secret\":\"" + SECRET + "\"}",
                "{\"url\":\"http://127.0.0.1:9/hook\",\"secret\":\"not-a-secret\"}");
        // Retries from 0.1 s: a failing receiver's deliveries, one at a time, in order, go by in seconds.
        Path scopes = Files.writeString(work.resolve("scopes.json"),
                "[{\"name\": \"checkout\", \"paths\": [\"/checkout/\"]}]");
        service = new ServiceProcess(work, Map.of("CIRCUIT_BREAKER_WEBHOOKS_FILE", hooks.toString(),
                "CIRCUIT_BREAKER_WEBHOOKS_RETRY_SECONDS", "0.1", "CIRCUIT_BREAKER_SCOPES_FILE", scopes.toString()));
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

    /**
     * What the Standard Webhooks reference library says of these requests, checked now as their receiver would:
     * nothing when it accepts every one, else its reason for each refused one.
     */
    String refusals(List<Receivers.Received> received) throws Exception {
        var batch = Json.createArrayBuilder();
        for (Receivers.Received request : received) {
            batch.add(Json.createObjectBuilder().add("secret", SECRET).add("body", request.body())
                    .add("headers", Json.createObjectBuilder().add("webhook-id", request.id())
                            .add("webhook-timestamp", request.timestamp()).add("webhook-signature", request.signature())));
        }
        Path input = Files.writeString(Files.createTempFile(work, "webhooks", ".json"), batch.build().toString());
        Process node = new ProcessBuilder("node", Path.of(getClass().getResource("/verify-webhook.cjs").toURI())
                .toString(), System.getProperty("node.modules"), input.toString()).redirectErrorStream(true).start();
        assertTrue(node.waitFor(60, TimeUnit.SECONDS));
        String said = new String(node.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        assertEquals(said.isEmpty(), node.exitValue() == 0, "the verifier's exit code and its words agree: " + said);
        return said;
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
        assertEquals("", refusals(got), "the reference verifier accepts each");
        String changed = got.get(1).body().replace("Opened", "Opene\u0064").replace("webhooks", "webhookz");
        assertEquals("0: No matching signature found", refusals(List.of(got.get(1).withBody(changed))),
                "one byte changed and the signature fails");

        JsonObject slack = receivers.await("/chat", 1, SOON).get(0).json();
        assertTrue(slack.getString("text").startsWith("Maintenance is on: Opened for webhooks (until "), slack.toString());

        // The receiver that answers 500 five times gets the same event six times, further apart each time (from
        // 75-100 ms, doubling), each signed when it was sent: the last over 2 s after the first.
        List<Receivers.Received> tries = receivers.await("/flaky", 6, SOON);
        assertEquals(1, tries.stream().map(Receivers.Received::id).distinct().count(), "the same webhook-id: " + tries);
        assertEquals("maintenance.updated", tries.get(0).json().getString("type"));
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < tries.size(); i++) {
            gaps.add((tries.get(i).at() - tries.get(i - 1).at()) / 1_000_000);
        }
        System.out.printf("Retries of a receiver answering 500 five times, then 200: gaps %s ms%n", gaps);
        // Bounds from below only: on a busy machine a request may arrive late, never early.
        assertTrue(gaps.get(0) >= 75 && gaps.get(4) >= 1200, "a pause of 75-100 ms, doubled four times: " + gaps);
        for (Receivers.Received attempt : tries) {
            long signedBefore = attempt.arrivedMillis() - Long.parseLong(attempt.timestamp()) * 1000;
            assertTrue(signedBefore >= 0 && signedBefore <= 2000, "signed " + signedBefore + " ms before it arrived: "
                    + attempt);
        }
        assertTrue(Long.parseLong(tries.get(5).timestamp()) - Long.parseLong(tries.get(0).timestamp()) >= 2,
                "each attempt carries its own time, not the event's: " + tries);
        assertEquals("", refusals(tries), "the reference verifier accepts every attempt");
        Waits.await("the sixth try to count as delivered", SOON, () -> delivery(flaky),
                d -> d.getString("status").equals("delivered"));
        assertEquals(6, receivers.at("/flaky").size(), "a 2xx ends it");

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
                .anyMatch(d -> d.getString("url").equals(flaky) && d.getInt("attempts") == 6
                        && d.getString("status").equals("delivered")), status.toString());
    }

    @Test
    @Order(2)
    void aDeadReceiverSlowsNeitherTheApiNorAFlakyReceiverWhichGetsEachOf200UpdatesOnceInOrder() throws Exception {
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

            // The dead receiver still hangs on its first delivery; the other one, which refuses every other
            // request, gets each of 200 updates once, in order: refused, tried again under the same id, accepted.
            subscribe(hook(never, null, null), hook(everyOther, null, null));
            long sent = System.nanoTime();
            List<String> updates = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                updates.add("Update " + i + " beside the dead one");
                post("{\"message\":\"" + updates.get(i) + "\"}");
            }
            Waits.await("200 updates accepted", Duration.ofSeconds(120), () -> receivers.at("/every-other").stream()
                    .filter(Receivers.Received::accepted).count() >= 200);
            System.out.printf("200 updates to a receiver refusing every other request, while another hangs: all"
                    + " accepted %d ms after the first was sent%n", (System.nanoTime() - sent) / 1_000_000);
            List<Receivers.Received> all = receivers.at("/every-other");
            List<Receivers.Received> accepted = all.stream().filter(Receivers.Received::accepted).toList();
            assertEquals(updates, accepted.stream().map(WebhooksIT::message).toList(), "each accepted once, in order");
            List<Integer> sequence = all.stream().map(r -> updates.indexOf(message(r))).toList();
            assertEquals(sequence.stream().sorted().toList(), sequence, "no request for an update after a later one's");
            assertEquals(400, all.size(), "each refused once, then accepted: nothing sent twice");
            assertEquals(200, all.stream().map(Receivers.Received::id).distinct().count(), "one webhook-id per update, on both tries");
            assertEquals("", refusals(accepted), "the reference verifier accepts each");
            assertTrue(Api.json(service.api().get("/api/maintenance/webhooks")).getInt("pending") >= 200,
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

    static String message(Receivers.Received received) {
        return received.json().getJsonObject("data").getString("message");
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
            assertEquals("", refusals(List.of(arrived)));
        }
    }

    @Test
    @Order(4)
    void aScopesNoticesNameItSignedAsEveryOther() throws Exception {
        String team = receivers.receiver("/checkout-team", n -> 204);
        String room = receivers.receiver("/checkout-room", n -> 200);
        subscribe(hookFor(team, List.of("maintenance.opened", "window.scheduled"), null),
                hook(room, "maintenance.opened", "slack"));
        HttpResponse<String> closed = service.api().send("/api/maintenance/scopes/checkout/status", "POST",
                "{\"message\":\"Payments move\"}", "Content-Type", "application/json");
        assertEquals(200, closed.statusCode(), closed.body());
        HttpResponse<String> planned = service.api().send("/api/maintenance/scopes/checkout/windows", "POST",
                "{\"start\":" + (System.currentTimeMillis() + 86_400_000L) + ",\"end\":"
                + (System.currentTimeMillis() + 90_000_000L) + ",\"message\":\"Card provider switch\"}",
                "Content-Type", "application/json");
        assertEquals(201, planned.statusCode(), planned.body());
        List<Receivers.Received> told = receivers.await("/checkout-team", 2, SOON);
        JsonObject opened = told.get(0).json();
        assertEquals("maintenance.opened", opened.getString("type"));
        assertEquals("checkout", opened.getString("scope"));
        assertEquals("Payments move", opened.getJsonObject("data").getString("message"));
        assertEquals("loopback", opened.getJsonObject("data").getString("by"), "no token anywhere: a loopback client");
        JsonObject window = told.get(1).json();
        assertEquals("window.scheduled", window.getString("type"));
        assertEquals("checkout", window.getString("scope"));
        assertEquals("checkout", window.getJsonObject("data").getString("scope"));
        assertEquals("", refusals(told), "signed as every other notice");
        assertEquals("[checkout] Maintenance is on: Payments move (by loopback)",
                receivers.await("/checkout-room", 1, SOON).get(0).json().getString("text"));
        assertTrue(!service.api().status().getString("message").equals("Payments move"), "the site's state is apart");
    }
}
