package circuitbreaker.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The service's one-second heartbeat: a non-persistent timer (nothing is replayed after a restart) that fires each
 * second as a {@link Second} event. Whoever keeps time (the pages' countdown, the cluster's announcements, the
 * windows, the consoles) observes it asynchronously, one after another on one thread of its own: a failure in one
 * observer costs no other its second, and a second still busy when the next comes makes the next one skip rather
 * than pile up behind it.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Heartbeat {

    private static final System.Logger LOG = System.getLogger(Heartbeat.class.getName());

    @Inject
    Event<Second> seconds;

    @Resource
    ManagedThreadFactory threads;

    private final AtomicBoolean beating = new AtomicBoolean();
    private ExecutorService beat;
    private long count;

    @PostConstruct
    void start() {
        beat = Executors.newSingleThreadExecutor(threads);
    }

    @Schedule(second = "*", minute = "*", hour = "*", persistent = false, info = "heartbeat")
    void beat() {
        if (!beating.compareAndSet(false, true)) {
            LOG.log(Level.DEBUG, "A second is skipped: the last one is still being observed");
            return;
        }
        seconds.fireAsync(new Second(count++, System.currentTimeMillis()), NotificationOptions.ofExecutor(beat))
                .whenComplete((second, failure) -> {
                    beating.set(false);
                    if (failure != null) {
                        LOG.log(Level.ERROR, "An observer of the heartbeat failed (the others were not held up)",
                                failure);
                    }
                });
    }

    @PreDestroy
    void stop() {
        beat.shutdownNow();
    }
}
