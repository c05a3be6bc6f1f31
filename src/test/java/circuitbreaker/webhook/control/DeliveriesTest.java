package circuitbreaker.webhook.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import circuitbreaker.webhook.entity.Delivery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The delivery journal: appended line by line, rewritten whole once it holds mostly old lines, read back after a kill. */
class DeliveriesTest {

    @TempDir
    Path folder;

    Deliveries journal() {
        Deliveries deliveries = new Deliveries();
        deliveries.location = Optional.of(folder.resolve("journal.jsonl").toString());
        deliveries.stateFile = folder.resolve("state.json").toString();
        deliveries.load();
        return deliveries;
    }

    static Delivery pending(String id) {
        return new Delivery(id, "https://example.org/hook", "maintenance.opened", 1, Delivery.PENDING, 0, 0L, null,
                null, 1000, "{}");
    }

    long lines() throws Exception {
        return Files.readAllLines(folder.resolve("journal.jsonl")).size();
    }

    @Test
    void aJournalOfManyRetriesIsCompactedAndReadsBackTheSame() throws Exception {
        Deliveries deliveries = journal();
        deliveries.add(List.of(pending("a"), pending("b")));
        Delivery retried = pending("a");
        for (int i = 0; i < 150; i++) {
            retried = retried.attempted(Delivery.PENDING, 2000L + i, 500, "HTTP 500");
            deliveries.update(retried);
        }
        assertTrue(lines() < 2 * 2 + 100 + 2, "rewritten once it held mostly old lines: " + lines());
        Deliveries reread = journal();
        assertEquals(2, reread.pending());
        assertEquals(150, reread.recent(2).stream().filter(d -> d.id().equals("a")).findFirst().orElseThrow()
                .attempts(), "the last line of an id wins");
    }

    @Test
    void ofTheFinishedOnlyTheNewestAreKeptAndNoPendingOneIsEverDropped() throws Exception {
        Deliveries deliveries = journal();
        deliveries.add(List.of(pending("waiting")));
        for (int i = 0; i < Deliveries.KEEP_FINISHED + 50; i++) {
            deliveries.add(List.of(pending("d" + i)));
            deliveries.update(pending("d" + i).attempted(Delivery.DELIVERED, null, 204, null));
        }
        assertEquals(1, deliveries.pending());
        assertEquals(Deliveries.KEEP_FINISHED + 1, deliveries.recent(10_000).size());
        assertEquals(Deliveries.KEEP_FINISHED + 1, journal().recent(10_000).size(), "and so after a restart");
    }
}
