package circuitbreaker.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Faults a real operator meets: kill -9 and a corrupt state file. Started with scripts/circuit-breaker.sh and no
 * token, so writes from loopback are allowed (the default of a fresh install).
 */
class RestartIT extends OwnServiceTest {


    @Test
    void killMinus9LosesNoAcknowledgedStateAndTheCountdownKeepsRunning() throws Exception {
        service = new ServiceProcess(work, Map.of());
        service.start();
        JsonObject before = Api.json(service.api().post("{\"message\":\"Survives kill -9 ✓\",\"countdown\":900}",
                "Content-Type", "application/json")).getJsonObject("state");
        byte[] onDisk = Files.readAllBytes(service.stateFile());

        service.crash();
        assertArrayEquals(onDisk, Files.readAllBytes(service.stateFile()), "the file is whole after the crash");
        Command status = service.script("status");
        assertEquals(3, status.exitCode(), "a stale pid file means stopped: " + status);

        service.start();
        JsonObject after = service.api().status();
        assertEquals("Survives kill -9 ✓", after.getString("message"));
        assertEquals(before.getJsonNumber("estimatedCompletion"), after.getJsonNumber("estimatedCompletion"));
        assertEquals(before.getJsonNumber("startTime"), after.getJsonNumber("startTime"));
        assertEquals(before.getJsonNumber("version"), after.getJsonNumber("version"));
        try (var unpacked = Files.list(service.runDir.resolve("tmp-" + service.port))) {
            assertEquals(1, unpacked.filter(d -> d.getFileName().toString().startsWith("payaramicro-rt")).count(),
                    "the killed run's unpacked runtime was cleared, only the running one is there");
        }
        assertEquals("Survives kill -9 ✓", Api.json(service.api().get("/api/maintenance/history?limit=1"))
                .getJsonArray("entries").getJsonObject(0).getString("message"), "and so did its timeline entry");
        long elapsed = before.getInt("countdown") - after.getInt("countdown");
        assertTrue(elapsed >= 1, "the countdown ran on while the service was down: " + elapsed + " s");
    }

    @Test
    void aCorruptStateFileIsMovedAsideReportedAndTheServiceStartsWithDefaults() throws Exception {
        service = new ServiceProcess(work, Map.of());
        Files.writeString(service.stateFile(), "{\"isActive\": true, \"message\": \"half a wri");

        service.start();

        JsonObject reported = service.api().health().getJsonObject("stateFile");
        assertTrue(reported.getBoolean("movedAside"), "reported in /health: " + reported);
        assertFalse(reported.toString().contains(work.toString()), "which names no path: " + reported);
        JsonObject stateFile = service.api().overview().getJsonObject("stateFile");
        Path aside = Path.of(stateFile.getString("movedAside")); // the operators' console says where
        assertEquals("{\"isActive\": true, \"message\": \"half a wri", Files.readString(aside), "kept, not lost");
        assertFalse(Files.exists(service.stateFile()));
        JsonObject status = service.api().status();
        assertFalse(status.getBoolean("isActive"), "the defaults, as at a first start: off");
        assertEquals(JsonValue.NULL, status.get("estimatedCompletion"));
        assertTrue(String.join("\n", ServiceProcess.lines(service.runDir.resolve(
                "circuit-breaker-" + service.port + ".log"))).contains("is unreadable"), "and logged");

        assertEquals(200, service.api().post("{\"message\":\"Fresh start\"}", "Content-Type", "application/json")
                .statusCode(), "and it takes writes again");
        assertEquals("Fresh start", new StateOnDisk(service.stateFile()).json().getString("message"));

        // A page on a domain that resolves to 127.0.0.1 (DNS rebinding) in the operator's browser: loopback, but its
        // requests name that domain. curl, since the JDK's client will not send a Host of its own choosing.
        Command rebound = Command.run(Map.of(), "curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}",
                "-H", "Host: rebind.example", "-H", "Content-Type: application/json",
                "--data", "{\"message\":\"From a rebound page\"}",
                service.api().uri("/api/maintenance/status").toString());
        assertEquals("403", rebound.out().strip(), "a loopback client must also ask for a loopback host: " + rebound);
        assertEquals("Fresh start", service.api().status().getString("message"), "nothing changed");
    }

    /** A window whose start passes while the service is down opens at the next start; one whose end passes, closes. */
    @Test
    void windowsThatBeganOrEndedDuringAKillAreHonouredAtTheNextStart() throws Exception {
        service = new ServiceProcess(work, Map.of());
        service.start();
        assertEquals(200, service.api().post("{\"isActive\":false}", "Content-Type", "application/json").statusCode());
        long start = System.currentTimeMillis() + 5000;
        assertEquals(201, window(start, start + 120_000, "Began while down").statusCode());
        service.crash();
        assertTrue(System.currentTimeMillis() < start, "killed before the window began");
        Waits.untilTime(start + 500);
        service.start();
        JsonObject opened = service.api().status();
        assertTrue(opened.getBoolean("isActive"), "open from the first healthy answer: " + opened);
        assertEquals("schedule", opened.getString("cause"));
        assertEquals(start + 120_000, opened.getJsonNumber("estimatedCompletion").longValue());

        // A second window, now: it opens, the service dies, and its end passes before it comes back.
        assertEquals(200, service.api().post("{\"isActive\":false}", "Content-Type", "application/json").statusCode());
        String first = Api.array(service.api().get("/api/maintenance/windows")).getJsonObject(0)
                .getJsonObject("window").getString("id");
        assertEquals(204, service.api().send("/api/maintenance/windows/" + first, "DELETE", "").statusCode());
        long soon = System.currentTimeMillis() + 2000;
        long end = soon + 8000; // time enough to see it open and kill the service, on a busy machine too
        assertEquals(201, window(soon, end, "Ended while down").statusCode());
        Waits.await("the second window to open", Duration.ofSeconds(10), () -> service.api().status().getBoolean("isActive"));
        assertEquals("Ended while down", service.api().status().getString("message"));
        service.crash();
        assertTrue(System.currentTimeMillis() < end, "killed before the window ended");
        Waits.untilTime(end + 500);
        service.start();
        JsonObject closed = service.api().status();
        assertFalse(closed.getBoolean("isActive"), "closed from the first healthy answer: " + closed);
        assertEquals("schedule", closed.getString("cause"));
    }

    java.net.http.HttpResponse<String> window(long start, long end, String message) {
        return service.api().send("/api/maintenance/windows", "POST", "{\"start\":" + start + ",\"end\":" + end
                + ",\"message\":\"" + message + "\"}", "Content-Type", "application/json");
    }

    /**
     * A full disk under the timeline and the webhook journal (the state file's disk has room): the change is saved, so
     * it is answered as saved; the pages still hear it, the countdown still ticks, and /health counts the fault. Once
     * there is room again, the timeline keeps what it held in memory. Needs root, for the small full disk (a tmpfs).
     */
    @Test
    void aFullDiskUnderTheTimelineAndWebhooksFailsNoSavedChange() throws Exception {
        assertEquals("root", System.getProperty("user.name"),
                "the full disk is a tmpfs: run the tests as root (CI does)");
        Path small = Files.createDirectories(work.resolve("small-disk"));
        assertEquals(0, Command.run(Map.of(), "mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", small.toString())
                .exitCode(), "a 256 KiB tmpfs");
        try (Receivers receivers = new Receivers()) {
            String hook = receivers.receiver("/hook", n -> 204);
            Path hooks = Files.writeString(work.resolve("webhooks.json"), "[{\"url\":\"" + hook
                    + "\",\"secret\":\"" + WebhooksIT.SECRET + "\"}]");
            service = new ServiceProcess(work, Map.of(
                    "CIRCUIT_BREAKER_HISTORY_FILE", small.resolve("history.json").toString(),
                    "CIRCUIT_BREAKER_WEBHOOKS_DELIVERIES_FILE", small.resolve("deliveries.jsonl").toString(),
                    "CIRCUIT_BREAKER_WEBHOOKS_FILE", hooks.toString()));
            service.start();
            try (SocketClient page = new SocketClient(service.api().base())) {
                page.next("statusUpdate", Duration.ofSeconds(10));
                Command fill = Command.run(Map.of(), "dd", "if=/dev/zero", "of=" + small.resolve("fill"), "bs=4k");
                assertTrue(fill.err().contains("No space left"), "the small disk is full: " + fill);

                HttpResponse<String> saved = service.api().post(
                        "{\"message\":\"Saved on a full disk\",\"countdown\":600}", "Content-Type", "application/json");
                assertEquals(200, saved.statusCode(), "saved, so answered as saved: " + saved.body());
                assertEquals("Saved on a full disk", new StateOnDisk(service.stateFile()).json().getString("message"));
                assertEquals("Saved on a full disk", page.next("statusUpdate", Duration.ofSeconds(5)).data()
                        .getString("message"), "the pages hear it");
                JsonObject faults = service.api().health().getJsonObject("faults");
                assertTrue(faults.getInt("count") >= 1, "counted in /health: " + faults);
                long tick = page.next("countdownUpdate", Duration.ofSeconds(5)).receivedAt();
                assertTrue(page.next("countdownUpdate", Duration.ofSeconds(5)).receivedAt() > tick,
                        "the countdown still ticks");

                Files.delete(small.resolve("fill"));
                assertEquals(200, service.api().post("{\"message\":\"Room again\"}", "Content-Type",
                        "application/json").statusCode());
                String history = Waits.await("the timeline on disk again", Duration.ofSeconds(5),
                        () -> new String(new StateOnDisk(small.resolve("history.json")).bytes(), StandardCharsets.UTF_8),
                        h -> h.contains("Room again"));
                assertTrue(history.contains("Saved on a full disk"), "what the full disk could not take is kept");
            }
        } finally {
            service.stopQuietly();
            Command.run(Map.of(), "umount", small.toString());
        }
    }
}
