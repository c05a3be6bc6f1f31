package circuitbreaker.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Faults in work that others started and must not stop: a listener told of a saved change, a task that runs on a
 * schedule. The work's fault is caught here, so the change stays made and the next round still runs; it is logged in
 * full the first time for each kind (then at debug, so a fault that repeats every second does not flood the log),
 * counted ({@code circuitbreaker_faults{kind}}) and shown in /health.
 */
@ApplicationScoped
public class Faults {

    private static final System.Logger LOG = System.getLogger(Faults.class.getName());

    /** Work that may throw anything. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    /**
     * What /health tells of them.
     *
     * @param count the faults caught since the start
     * @param lastKind where the last one happened (a class and method name), or null
     * @param lastAt when (epoch ms), or null
     */
    @JsonbPropertyOrder({"count", "lastKind", "lastAt"})
    public record Summary(long count, String lastKind, Long lastAt) {
    }

    @Inject
    Metrics metrics;

    private final Map<String, AtomicLong> byKind = new ConcurrentHashMap<>();
    private final AtomicLong count = new AtomicLong();
    private volatile Summary last = new Summary(0, null, null);

    /** Runs the work; whatever it throws is caught and recorded, never passed on. */
    public void contain(String kind, Work work) {
        try {
            work.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception | StackOverflowError | LinkageError | AssertionError e) {
            record(kind, e);
        }
    }

    /** A task for a scheduler: one that throws would otherwise be cancelled silently, every later round with it. */
    public Runnable guarded(String kind, Work work) {
        return () -> contain(kind, work);
    }

    public void record(String kind, Throwable fault) {
        long seen = byKind.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        last = new Summary(count.incrementAndGet(), kind, System.currentTimeMillis());
        if (metrics != null) {
            metrics.count("circuitbreaker_faults", "kind", kind);
        }
        if (seen == 1) {
            LOG.log(Level.ERROR, "A fault in " + kind + " was caught; the work that started it stands and it runs "
                    + "again next time (later faults of this kind are logged at debug and counted)", fault);
        } else {
            LOG.log(Level.DEBUG, "Fault number {0} in {1}: {2}", seen, kind, fault.toString());
        }
    }

    public Summary summary() {
        return last;
    }
}
