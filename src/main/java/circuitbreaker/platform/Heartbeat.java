package circuitbreaker.platform;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The service's one-second heartbeat: each beat fires a {@link Second} event. Whoever keeps time (the pages'
 * countdown, the cluster's announcements, the windows, the consoles) observes it asynchronously, one after another
 * on one thread of its own: a failure in one observer costs no other its second, and a second still busy when the
 * next comes makes the next one skip rather than pile up behind it. What beats is the EJB timer of
 * {@link EjbHeartbeat} where the server has EJB (Payara Micro and Server, WildFly's full profile); where it has none
 * (WildFly's MicroProfile profile), Jakarta Concurrency's scheduler, booked at each next whole second, so a late beat
 * is skipped, never made up. {@link HeartbeatChoice} tells which, at deployment.
 */
@ApplicationScoped
public class Heartbeat {

    private static final System.Logger LOG = System.getLogger(Heartbeat.class.getName());

    @Inject
    Event<Second> seconds;

    @Inject
    HeartbeatChoice choice;

    @Inject
    Faults faults;

    @Resource
    ManagedThreadFactory threads;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final AtomicBoolean beating = new AtomicBoolean();
    private volatile ExecutorService beat;
    private volatile ScheduledFuture<?> next;
    private volatile boolean stopped;
    private long count;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        beat = Executors.newSingleThreadExecutor(threads);
        if (!choice.ejb()) {
            book();
        }
    }

    /** What beats here: "the EJB timer" or "the scheduler". */
    public String source() {
        return choice.ejb() ? "the EJB timer" : "the scheduler";
    }

    private void book() {
        if (!stopped) {
            next = scheduler.schedule(faults.guarded("Heartbeat.beat", this::scheduled),
                    1000 - System.currentTimeMillis() % 1000, TimeUnit.MILLISECONDS);
        }
    }

    private void scheduled() {
        book();
        beat();
    }

    /** One beat: a {@link Second}, unless the last one is still being observed. */
    void beat() {
        ExecutorService observers = beat;
        if (observers == null || stopped) {
            return; // not started yet, or stopping: a last EJB tick may still come
        }
        if (!beating.compareAndSet(false, true)) {
            LOG.log(Level.DEBUG, "A second is skipped: the last one is still being observed");
            return;
        }
        try {
            Second second = new Second(count++, System.currentTimeMillis());
            seconds.fireAsync(second, NotificationOptions.ofExecutor(observers))
                    .whenComplete((told, failure) -> {
                        beating.set(false);
                        if (failure != null) {
                            faults.record("Heartbeat.observers", failure);
                        }
                    });
        } catch (RejectedExecutionException stopping) {
            beating.set(false);
        }
    }

    @PreDestroy
    void stop() {
        stopped = true;
        if (next != null) {
            next.cancel(false);
        }
        if (beat != null) {
            beat.shutdownNow();
        }
    }
}
