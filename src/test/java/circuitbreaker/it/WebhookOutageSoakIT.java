package circuitbreaker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A team's receiver is down, refusing connections, for 6 minutes while maintenance opens, then comes back: the
 * retried maintenance.opened reaches it, and the Standard Webhooks reference library it verifies with (5 minutes of
 * tolerance) accepts it. The retry schedule is the shipped one (from 5 s, doubling, 75-100 % of each step), so the
 * delivery arrives when it would in production: at the eighth attempt, 476 to 636 s after the event, when the event
 * is older than the library's tolerance. Outside the default suite.
 * Run: {@code mvn -B verify -Dit.test=WebhookOutageSoakIT} ({@code -Dsoak.outage.seconds=N}; docs/performance.md).
 */
class WebhookOutageSoakIT extends OwnServiceTest {

    @Test
    void aReceiverDownForSixMinutesGetsTheOpeningSignedSoTheReferenceLibraryAcceptsIt() throws Exception {
        Duration outage = Duration.ofSeconds(Long.getLong("soak.outage.seconds", 360));
        int port = ServiceProcess.freePort();
        String url = "http://127.0.0.1:" + port + "/hook";
        Path hooks = Files.writeString(work.resolve("webhooks.json"),
                "[" + WebhooksIT.hook(url, "maintenance.opened", null) + "]");
        service = new ServiceProcess(work, Map.of("CIRCUIT_BREAKER_WEBHOOKS_FILE", hooks.toString()));
        service.start();

        long opened = System.currentTimeMillis();
        var answer = service.api().post("{\"message\":\"Opened while the team's receiver is down\",\"countdown\":1800}",
                "Content-Type", "application/json");
        assertEquals(200, answer.statusCode(), answer.body());
        JsonObject refused = Waits.await("a first attempt, refused: nothing listens", Duration.ofSeconds(30),
                () -> delivery(url), d -> d.getInt("attempts") >= 1);
        assertTrue(refused.getString("lastError").contains("ConnectException"), refused.toString());

        Waits.untilTime(opened + outage.toMillis());
        JsonObject whileDown = delivery(url);
        assertEquals("pending", whileDown.getString("status"), whileDown.toString());
        Process receiver = startReceiver(port);
        long back = System.currentTimeMillis();
        try {
            Api team = new Api(URI.create("http://127.0.0.1:" + port + "/"));
            Waits.untilTime(whileDown.getJsonNumber("nextAttemptAt").longValue()); // nothing can arrive before
            List<JsonObject> got = Waits.await("the retried opening at the receiver", Duration.ofMinutes(20),
                    () -> Api.array(team.get("/")).getValuesAs(JsonObject.class), list -> !list.isEmpty());
            JsonObject arrived = got.get(0);
            assertEquals("accepted", arrived.getString("verdict"), "the reference library: " + arrived);
            JsonObject delivered = Waits.await("the delivery to count as delivered", Duration.ofSeconds(10),
                    () -> delivery(url), d -> d.getString("status").equals("delivered"));
            assertEquals(delivered.getString("id"), arrived.getString("id"));
            assertEquals(1, Api.array(team.get("/")).size(), "sent once: " + Api.array(team.get("/")));

            long at = arrived.getJsonNumber("at").longValue();
            long signedBefore = at - Long.parseLong(arrived.getString("timestamp")) * 1000;
            assertTrue(signedBefore >= 0 && signedBefore <= 2000, "signed " + signedBefore + " ms before it arrived");
            assertTrue(at - opened > 300_000, "the event was older than the library's 5 minutes when it arrived");
            System.out.printf("Webhook outage soak: the receiver refused connections for %d s; maintenance.opened was"
                    + " tried %d times while it was down, then delivered at attempt %d, %d s after the event (%d s after"
                    + " the receiver came back), its webhook-timestamp %d ms before it arrived; the reference library accepted it%n",
                    outage.toSeconds(), whileDown.getInt("attempts"), delivered.getInt("attempts"),
                    (at - opened) / 1000, (at - back) / 1000, signedBefore);
        } finally {
            receiver.destroyForcibly();
        }
    }

    /** The newest delivery to this receiver, as the service reports it. */
    JsonObject delivery(String url) {
        return Api.json(service.api().get("/api/maintenance/webhooks")).getJsonArray("deliveries")
                .getValuesAs(JsonObject.class).stream().filter(d -> d.getString("url").equals(url)).findFirst()
                .orElse(null);
    }

    static Process startReceiver(int port) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("node", "src/test/node/webhook-receiver.js", Integer.toString(port))
                .redirectErrorStream(true);
        builder.environment().put("NODE_PATH", System.getProperty("node.modules"));
        builder.environment().put("WEBHOOK_SECRET", WebhooksIT.SECRET);
        Process process = builder.start();
        String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        if (!"receiver ready".equals(line)) {
            process.destroyForcibly();
            throw new AssertionError("the receiver did not start: " + line);
        }
        return process;
    }
}
