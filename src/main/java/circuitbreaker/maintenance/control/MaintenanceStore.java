package circuitbreaker.maintenance.control;

import circuitbreaker.maintenance.entity.AdmissionMode;
import circuitbreaker.maintenance.entity.Cause;
import circuitbreaker.maintenance.entity.MaintenanceState;
import circuitbreaker.maintenance.entity.Reopening;
import circuitbreaker.maintenance.entity.ReopeningProgress;
import circuitbreaker.maintenance.entity.StateChanged;
import circuitbreaker.maintenance.entity.Status;
import circuitbreaker.maintenance.entity.StatusUpdate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one owner of the maintenance state: applies updates one at a time, saves each before anyone sees it, then
 * announces it with a CDI event carrying the new immutable state.
 */
@ApplicationScoped
public class MaintenanceStore {

    private static final System.Logger LOG = System.getLogger(MaintenanceStore.class.getName());

    private StateFile file;
    private Event<StateChanged> changed;
    private Clock clock;
    /** How long a reopening lasts when an update that ends maintenance does not say (CIRCUIT_BREAKER_REOPEN_SECONDS). */
    private long reopenSeconds;
    private volatile MaintenanceState current;
    private volatile long lastBroadcast;
    private volatile ReopeningProgress progress = ReopeningProgress.NONE;

    @Inject
    Instance<Waiters> waiters;

    protected MaintenanceStore() {
    }

    @Inject
    public MaintenanceStore(StateFile file, Event<StateChanged> changed, Clock clock,
            @ConfigProperty(name = "circuit.breaker.reopen.seconds", defaultValue = "30") long reopenSeconds) {
        if (reopenSeconds < 0 || reopenSeconds > Reopening.MAX_SECONDS) {
            throw new IllegalStateException("CIRCUIT_BREAKER_REOPEN_SECONDS must be from 0 to " + Reopening.MAX_SECONDS
                    + ", not " + reopenSeconds);
        }
        this.file = file;
        this.changed = changed;
        this.clock = clock;
        this.reopenSeconds = reopenSeconds;
    }

    /** Loads at deployment, not on first use, so a corrupt file is found and reported at start-up. */
    void loadAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        current();
    }

    /** This instance's visitors in the reopening going on (none when there is none). */
    public ReopeningProgress reopeningProgress() {
        return progress;
    }

    public MaintenanceState current() {
        MaintenanceState state = current;
        if (state == null) {
            synchronized (this) {
                if (current == null) {
                    current = file.load().orElseGet(() -> MaintenanceState.initial(now()));
                }
                state = current;
            }
        }
        return state;
    }

    public Status status() {
        return status(current());
    }

    /** A state as clients would see it now: the current one, or a draft. */
    public Status status(MaintenanceState state) {
        return state.at(now(), lastBroadcast, progress);
    }

    /** What an operator's update would make of the current state, without saving or announcing it (the preview). */
    public MaintenanceState draft(StatusUpdate update) {
        return current().apply(quiet(current(), update), now(), Cause.OPERATOR, reopenSeconds);
    }

    /** An operator's update. Saves, then publishes. When the save fails nothing changes and the caller hears why. */
    public MaintenanceState apply(StatusUpdate update) throws IOException {
        return applyIf(state -> true, update, Cause.OPERATOR).orElseThrow();
    }

    /**
     * Applies the update only if the state still satisfies the condition when its turn comes (the watcher opens
     * only what is closed, and closes only what it opened): the check and the change are one step.
     */
    public Optional<MaintenanceState> applyIf(Predicate<MaintenanceState> condition, StatusUpdate update,
            Cause by) throws IOException {
        return change(condition, state -> state.apply(quiet(state, update), now(), by, reopenSeconds));
    }

    /** Admission mode on with these settings, or off (null), by {@code by}, if the condition holds: as applyIf. */
    public Optional<MaintenanceState> admissionIf(Predicate<MaintenanceState> condition, AdmissionMode mode, Cause by)
            throws IOException {
        return change(condition, state -> state.withAdmission(mode, now(), by));
    }

    /**
     * A reopening nobody waits for is none (SPEC §20): ending maintenance then opens the site to everyone at once,
     * instead of holding every newcomer for the reopening's length.
     */
    private StatusUpdate quiet(MaintenanceState state, StatusUpdate update) {
        boolean ends = state.isActive() && Boolean.FALSE.equals(update.isActive());
        return ends && waiters != null && waiters.isResolvable() && !waiters.get().anyone() ? update.atOnce() : update;
    }

    /** Records the reopening as ended with the fleet's count, once: only the one still going whose time is up. */
    public Optional<MaintenanceState> endReopening(long from, long admitted) throws IOException {
        return change(state -> state.reopening() != null && state.reopening().from() == from
                && state.reopening().dueAt(now()), state -> state.reopeningEnded(now(), admitted));
    }

    private synchronized Optional<MaintenanceState> change(Predicate<MaintenanceState> condition,
            UnaryOperator<MaintenanceState> next) throws IOException {
        if (!condition.test(current())) {
            return Optional.empty();
        }
        MaintenanceState before = current();
        MaintenanceState after = next.apply(before);
        file.save(after);
        current = after;
        changed.fire(new StateChanged(before, after, true));
        return Optional.of(after);
    }

    /**
     * Takes another cluster member's state if it is newer. It is kept even when it cannot be saved here (serving the
     * cluster's state beats serving a stale one); the failure is logged and shows in /health and readiness.
     */
    public synchronized boolean adopt(MaintenanceState other) {
        if (!other.isNewerThan(current())) {
            return false;
        }
        try {
            file.save(other);
        } catch (IOException e) {
            LOG.log(Level.ERROR, "Took version {0} from the cluster but could not save it: {1}", other.version(),
                    e.toString());
        }
        MaintenanceState before = current();
        current = other;
        changed.fire(new StateChanged(before, other, false));
        return true;
    }

    public void recordBroadcast(long countdown) {
        lastBroadcast = countdown;
    }

    /** This instance's visitors in the reopening going on, as the status shows them. */
    public void recordReopening(ReopeningProgress now) {
        progress = now;
    }

    public long now() {
        return clock.millis();
    }
}
