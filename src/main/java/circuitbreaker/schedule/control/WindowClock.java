package circuitbreaker.schedule.control;

import circuitbreaker.fleet.Fleet;
import circuitbreaker.maintenance.control.MaintenanceStore;
import circuitbreaker.maintenance.control.ScopeBook;
import circuitbreaker.maintenance.entity.Author;
import circuitbreaker.maintenance.entity.StatusUpdate;
import circuitbreaker.platform.FailsAlone;
import circuitbreaker.platform.Second;
import circuitbreaker.schedule.entity.Occurrence;
import circuitbreaker.schedule.entity.Window;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Optional;

/**
 * The windows' clock: every second the leading member (one per fleet) opens a scope's maintenance when an occurrence
 * of one of its windows begins (cause "schedule", a countdown to its end) and closes it when it ends, unless an
 * operator changed the state meanwhile. Which occurrences were opened is kept with the windows, on disk and across the cluster, so each opens
 * once, even after a restart or when the member that would have opened it is gone.
 */
@ApplicationScoped
public class WindowClock {

    private static final System.Logger LOG = System.getLogger(WindowClock.class.getName());

    @Inject
    Windows windows;

    @Inject
    MaintenanceStore store;

    @Inject
    Fleet fleet;

    @Inject
    ScopeBook scopes;

    /** A window that began or ended while the service was down is dealt with before the first visitor comes. */
    void catchUpAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        tick(store.now());
    }

    @FailsAlone
    void second(@ObservesAsync Second second) {
        tick(store.now());
    }

    /** One look at the calendar, on the leading member only. */
    synchronized void tick(long now) {
        if (!fleet.leads()) {
            return;
        }
        try {
            for (String scope : scopes.names()) {
                Optional<Occurrence> current = windows.current(scope, now);
                if (current.isPresent() && !windows.book().opened().contains(current.get().key())) {
                    open(scope, current.get(), now);
                } else if (current.isEmpty()) {
                    closeEnded(scope);
                }
            }
            windows.forgetEnded(now);
        } catch (IOException e) {
            LOG.log(Level.ERROR, "A window could not open or close (it tries again next second): {0}", e.toString());
        }
    }

    private void open(String scope, Occurrence occurrence, long now) throws IOException {
        Window window = windows.window(occurrence.windowId()).orElseThrow();
        // An operator's or the watcher's maintenance that is on already is left as it is; a window's is replaced.
        StatusUpdate start = new StatusUpdate(window.message(), window.currentIssue(), true,
                new StatusUpdate.End(occurrence.end()));
        boolean opened = store.applyIf(scope, state -> !state.isActive() || state.openedBy(Author.WINDOW), start,
                Author.WINDOW).isPresent();
        windows.markOpened(occurrence, now);
        LOG.log(Level.INFO, opened ? "Window {0} began: maintenance of {2} is on until {1}"
                : "Window {0} began while maintenance of {2} was already on: left as it is", window.id(),
                Instant.ofEpochMilli(occurrence.end()), scope);
    }

    private void closeEnded(String scope) throws IOException {
        StatusUpdate end = new StatusUpdate(null, null, false, null);
        if (store.applyIf(scope, state -> state.openedBy(Author.WINDOW), end, Author.WINDOW).isPresent()) {
            LOG.log(Level.INFO, "A window ended: maintenance of {0} is off", scope);
        }
    }
}
