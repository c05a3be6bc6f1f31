package circuitbreaker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Durability at scale, outside the default suite (about 8 s a round): round after round a writer posts updates as
 * fast as the service acknowledges them, and the service is killed with -9 at a random moment. After every kill the
 * state file is whole JSON holding the last acknowledged update (or the one in flight when the kill came), and the
 * restarted service serves exactly what the file holds.
 * Run: {@code mvn -B verify -Dit.test=KillRoundsSoakIT -Dsoak.rounds=50} (docs/performance.md).
 */
class KillRoundsSoakIT extends OwnServiceTest {

    record Acknowledged(long version, String message) {
    }

    @Test
    void noKillLosesAnAcknowledgedUpdateOrLeavesAHalfWrittenFile() throws Exception {
        int rounds = Integer.getInteger("soak.rounds", 50);
        long seed = Long.getLong("soak.seed", System.nanoTime());
        Random random = new Random(seed);
        service = new ServiceProcess(work, Map.of());
        long updates = 0;
        long inFlightKept = 0;
        JsonObject onDisk = null;
        for (int round = 1; round <= rounds; round++) {
            Command started = service.script("start");
            assertEquals(0, started.exitCode(), "round " + round + ": " + started);
            if (onDisk != null) {
                JsonObject served = service.api().status();
                assertEquals(onDisk.getJsonNumber("version"), served.getJsonNumber("version"), "round " + round);
                assertEquals(onDisk.getString("message"), served.getString("message"), "round " + round);
            }

            AtomicReference<Acknowledged> last = new AtomicReference<>();
            int current = round;
            CompletableFuture<Long> writer = CompletableFuture.supplyAsync(() -> {
                long sent = 0;
                try {
                    for (int i = 0; ; i++) {
                        var answer = service.api().post("{\"message\":\"round " + current + " update " + i + "\"}",
                                "Content-Type", "application/json");
                        assertEquals(200, answer.statusCode(), answer.body());
                        JsonObject state = Api.json(answer).getJsonObject("state");
                        last.set(new Acknowledged(state.getJsonNumber("version").longValue(),
                                state.getString("message")));
                        sent++;
                    }
                } catch (RuntimeException connectionGone) {
                    return sent; // the kill came
                }
            });
            Thread.sleep(300 + random.nextInt(1200));
            service.crash();
            updates += writer.get(30, TimeUnit.SECONDS);

            onDisk = new StateOnDisk(service.stateFile()).json(); // fails on a half-written file
            Acknowledged acknowledged = last.get();
            assertNotNull(acknowledged, "round " + round + " acknowledged at least one update");
            long version = onDisk.getJsonNumber("version").longValue();
            if (version == acknowledged.version()) {
                assertEquals(acknowledged.message(), onDisk.getString("message"), "round " + round);
            } else {
                // Saved, but killed before the answer went out: the next update, never an older one.
                assertEquals(acknowledged.version() + 1, version, "round " + round + ": " + onDisk);
                inFlightKept++;
            }
        }
        System.out.printf("Kill rounds: %d kill -9s, %d updates acknowledged, none lost; %d unacknowledged"
                + " in-flight updates were already on disk; seed %d%n", rounds, updates, inFlightKept, seed);
        assertTrue(updates >= rounds);
    }
}
