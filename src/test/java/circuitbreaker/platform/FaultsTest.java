package circuitbreaker.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FaultsTest {

    final Faults faults = new Faults();

    @Test
    void aScheduledTaskThatThrowsKeepsItsLaterRounds() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            AtomicInteger rounds = new AtomicInteger();
            CountDownLatch fiveRounds = new CountDownLatch(5);
            scheduler.scheduleWithFixedDelay(faults.guarded("Probe.run", () -> {
                fiveRounds.countDown();
                switch (rounds.incrementAndGet() % 3) {
                    case 1 -> throw new IllegalStateException("not an IOException");
                    case 2 -> throw new IOException("checked");
                    default -> throw new StackOverflowError("an error that is not fatal to the service");
                }
            }), 0, 10, TimeUnit.MILLISECONDS);
            assertTrue(fiveRounds.await(5, TimeUnit.SECONDS), "a throwing task still runs: " + rounds.get() + " rounds");
        } finally {
            scheduler.shutdown(); // the round under way ends, and records its fault, before the count is read
            assertTrue(scheduler.awaitTermination(5, TimeUnit.SECONDS));
        }
        assertTrue(faults.summary().count() >= 5, faults.summary().toString());
        assertEquals("Probe.run", faults.summary().lastKind());
    }

    @Test
    void workThatSucceedsLeavesNoTrace() {
        AtomicInteger runs = new AtomicInteger();
        faults.contain("Fine.run", runs::incrementAndGet);
        assertEquals(1, runs.get());
        assertEquals(0, faults.summary().count());
        assertNull(faults.summary().lastKind());
    }

    @Test
    void anInterruptIsKeptNotCounted() {
        faults.contain("Waiting.run", () -> {
            throw new InterruptedException();
        });
        assertTrue(Thread.interrupted(), "the interrupt is passed on to the thread");
        assertEquals(0, faults.summary().count());
    }
}
