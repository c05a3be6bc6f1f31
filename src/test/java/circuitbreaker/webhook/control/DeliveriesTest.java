package circuitbreaker.webhook.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import circuitbreaker.webhook.entity.Delivery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The delivery journal: appended line by line, rewritten whole once it holds mostly old lines, read back after a kill;
 * and what it hands the courier: per receiver one delivery at a time, in order, never one twice.
 */
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
        return pending(id, "https://example.org/hook");
    }

    static Delivery pending(String id, String url) {
        return new Delivery(id, url, "maintenance.opened", 1, Delivery.PENDING, 0, 0L, null, null, 1000, "{}");
    }

    static List<String> ids(List<Delivery> deliveries) {
        return deliveries.stream().map(Delivery::id).toList();
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
            deliveries.settle(retried);
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
            deliveries.settle(pending("d" + i).attempted(Delivery.DELIVERED, null, 204, null));
        }
        assertEquals(1, deliveries.pending());
        assertEquals(Deliveries.KEEP_FINISHED + 1, deliveries.recent(10_000).size());
        assertEquals(Deliveries.KEEP_FINISHED + 1, journal().recent(10_000).size(), "and so after a restart");
    }

    @Test
    void aReceiversNextDeliveryIsTakenOnlyOnceTheOneAheadOfItIsSettled() throws Exception {
        Deliveries deliveries = journal();
        deliveries.add(List.of(pending("a1", "http://a"), pending("b1", "http://b"), pending("a2", "http://a")));
        assertEquals(List.of("a1", "b1"), ids(deliveries.take(10)), "each receiver's oldest");
        assertEquals(List.of(), ids(deliveries.take(10)), "both are out: nothing more, not even a2");

        Delivery a1 = deliveries.recent(3).stream().filter(d -> d.id().equals("a1")).findFirst().orElseThrow();
        deliveries.settle(a1.attempted(Delivery.DELIVERED, null, 204, null));
        assertEquals(List.of("a2"), ids(deliveries.take(10)), "a's next once a1 has ended");

        Delivery b1 = pending("b1", "http://b");
        deliveries.settle(b1.attempted(Delivery.PENDING, 500L, 500, "HTTP 500"));
        assertEquals(List.of(), ids(deliveries.take(499)), "b1 again only when its retry is due");
        assertEquals(List.of("b1"), ids(deliveries.take(500)));
    }

    /** The courier asks from its round, each retry's timer and each completion at once: here four threads do. */
    @Test
    void callersRacingEachOtherTakeEachDeliveryOnceInOrderNeverTwoOfOneReceiverAtATime() throws Exception {
        Deliveries deliveries = journal();
        List<String> receivers = List.of("http://a", "http://b", "http://c");
        Map<String, List<String>> made = new ConcurrentHashMap<>();
        for (int i = 0; i < 300; i++) {
            for (String url : receivers) {
                deliveries.add(List.of(pending(url + "/" + i, url)));
                made.computeIfAbsent(url, u -> new ArrayList<>()).add(url + "/" + i);
            }
        }
        Map<String, AtomicInteger> out = new ConcurrentHashMap<>();
        Map<String, List<String>> taken = new ConcurrentHashMap<>();
        AtomicInteger overlaps = new AtomicInteger();
        ExecutorService callers = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            running.add(callers.submit(() -> {
                while (deliveries.pending() > 0) {
                    for (Delivery delivery : deliveries.take(10)) {
                        if (out.computeIfAbsent(delivery.url(), u -> new AtomicInteger()).incrementAndGet() != 1) {
                            overlaps.incrementAndGet();
                        }
                        taken.computeIfAbsent(delivery.url(), u -> Collections.synchronizedList(new ArrayList<>()))
                                .add(delivery.id());
                        out.get(delivery.url()).decrementAndGet();
                        deliveries.settle(delivery.attempted(Delivery.DELIVERED, null, 204, null));
                    }
                }
                return null;
            }));
        }
        for (Future<?> caller : running) {
            caller.get(60, TimeUnit.SECONDS);
        }
        callers.shutdown();
        assertEquals(0, overlaps.get(), "a receiver had two deliveries out at once");
        for (String url : receivers) {
            assertEquals(made.get(url), taken.get(url), url + ": each once, in the order made");
        }
    }
}
