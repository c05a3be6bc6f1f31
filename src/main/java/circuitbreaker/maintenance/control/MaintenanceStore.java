package circuitbreaker.maintenance.control;

import circuitbreaker.maintenance.entity.AdmissionMode;
import circuitbreaker.maintenance.entity.Author;
import circuitbreaker.maintenance.entity.MaintenanceState;
import circuitbreaker.maintenance.entity.Reopening;
import circuitbreaker.maintenance.entity.ReopeningProgress;
import circuitbreaker.maintenance.entity.Scope;
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
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one owner of the maintenance states, one per scope ({@code site} for the whole site): applies updates one at a
 * time, saves each before anyone sees it, then announces it with a CDI event carrying the new immutable state. The
 * methods without a scope are the whole site's.
 */
@ApplicationScoped
public class MaintenanceStore {

    private static final System.Logger LOG = System.getLogger(MaintenanceStore.class.getName());

    private Event<StateChanged> changed;
    private Clock clock;
    /** How long a reopening lasts when an update that ends maintenance does not say (CIRCUIT_BREAKER_REOPEN_SECONDS). */
    private long reopenSeconds;
    private ScopeStates states;
    private volatile long lastBroadcast;
    private volatile ReopeningProgress progress = ReopeningProgress.NONE;

    @Inject
    Instance<Waiters> waiters;

    protected MaintenanceStore() {
    }

    @Inject
    public MaintenanceStore(StateFile file, ScopeBook scopes, Event<StateChanged> changed, Clock clock,
            @ConfigProperty(name = "circuit.breaker.reopen.seconds", defaultValue = "30") long reopenSeconds) {
        this.states = new ScopeStates(file, scopes, clock::millis);
        this.changed = changed;
        this.clock = clock;
        this.reopenSeconds = Reopening.checkedDefault(reopenSeconds);
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
        return current(Scope.SITE);
    }

    /** @throws IllegalArgumentException for a scope that is not defined */
    public MaintenanceState current(String scope) {
        return states.get(scope);
    }

    public Status status() {
        return status(current());
    }

    public Status status(String scope) {
        return scope.equals(Scope.SITE) ? status() : current(scope).at(now(), 0, ReopeningProgress.NONE);
    }

    /** A state as clients would see it now: the current one, or a draft. */
    public Status status(MaintenanceState state) {
        return state.at(now(), lastBroadcast, progress);
    }

    /** What an operator's update would make of the current state, without saving or announcing it (the preview). */
    public MaintenanceState draft(StatusUpdate update) {
        return current().apply(Waiters.quiet(waiters, current(), update), now(), Author.operator(null),
                reopenSeconds);
    }

    /**
     * A named operator's update of one scope (a deploy's step is the deploy's). Saves, then publishes. When the save
     * fails nothing changes and the caller hears why.
     */
    public MaintenanceState apply(String scope, StatusUpdate update, String by) throws IOException {
        return applyIf(scope, state -> true, update, Author.of(by, update)).orElseThrow();
    }

    /**
     * Applies the update only if the state still satisfies the condition when its turn comes (the watcher opens
     * only what is closed, and closes only what it opened): the check and the change are one step.
     */
    public Optional<MaintenanceState> applyIf(String scope, Predicate<MaintenanceState> condition,
            StatusUpdate update, Author by) throws IOException {
        return change(scope, condition, state -> state.apply(scope.equals(Scope.SITE)
                ? Waiters.quiet(waiters, state, update) : update, now(), by, reopenSeconds));
    }

    /** Admission mode on with these settings, or off (null), by {@code by}, if the condition holds: as applyIf. */
    public Optional<MaintenanceState> admissionIf(Predicate<MaintenanceState> condition, AdmissionMode mode, Author by)
            throws IOException {
        return change(Scope.SITE, condition, state -> state.withAdmission(mode, now(), by));
    }

    /** Records the reopening as ended with the fleet's count, once: only the one still going whose time is up. */
    public Optional<MaintenanceState> endReopening(long from, long admitted) throws IOException {
        return change(Scope.SITE, state -> state.reopening() != null && state.reopening().from() == from
                && state.reopening().dueAt(now()), state -> state.reopeningEnded(now(), admitted));
    }

    private synchronized Optional<MaintenanceState> change(String scope, Predicate<MaintenanceState> condition,
            UnaryOperator<MaintenanceState> next) throws IOException {
        MaintenanceState before = current(scope);
        if (!condition.test(before)) {
            return Optional.empty();
        }
        MaintenanceState after = next.apply(before);
        states.save(scope, after);
        LOG.log(Level.INFO, "{0} version {1} by {2}: {3}", scope, after.version(), after.by(),
                after.isActive() ? "maintenance on, " + after.message() : after.admission() != null
                ? "maintenance off, admission on" : "maintenance off");
        changed.fire(new StateChanged(scope, before, after, true));
        return Optional.of(after);
    }

    /** Every scope's state, by name: what the fleet exchanges. */
    public Map<String, MaintenanceState> all() {
        return states.all();
    }

    /**
     * Takes another cluster member's state if it is newer. It is kept even when it cannot be saved here (serving the
     * cluster's state beats serving a stale one); the failure is logged and shows in /health and readiness.
     */
    public synchronized boolean adopt(String scope, MaintenanceState other) {
        if (!states.defines(scope) || !other.isNewerThan(current(scope))) {
            return false; // a scope this member does not define: its file differs, which the fleet reports
        }
        MaintenanceState before = current(scope);
        try {
            states.serveThenSave(scope, other);
        } catch (IOException e) {
            LOG.log(Level.ERROR, "Took version {0} of {1} from the cluster but could not save it: {2}",
                    other.version(), scope, e.toString());
        }
        changed.fire(new StateChanged(scope, before, other, false));
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
