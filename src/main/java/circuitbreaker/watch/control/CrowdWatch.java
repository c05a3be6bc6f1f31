package circuitbreaker.watch.control;

import circuitbreaker.maintenance.control.MaintenanceStore;
import circuitbreaker.maintenance.entity.AdmissionMode;
import circuitbreaker.maintenance.entity.Author;
import circuitbreaker.maintenance.entity.Cause;
import circuitbreaker.maintenance.entity.MaintenanceState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The watcher's waiting room (SPEC §20). When the site answers but struggles (its last {@value #SLOW_IN_ROW} probes
 * all slower than CIRCUIT_BREAKER_ADMISSION_LATENCY_MS, or more than CIRCUIT_BREAKER_ADMISSION_FAILURE_SHARE of the
 * last {@value #WINDOW} failing) it turns admission mode on at CIRCUIT_BREAKER_ADMISSION_PER_MINUTE; once the site has
 * answered well for CIRCUIT_BREAKER_ADMISSION_CALM_SECONDS it ends what it turned on, and only that. Off unless that
 * rate is set. A site that fails outright is the breaker's to trip, not this; while maintenance is on it waits.
 */
@ApplicationScoped
public class CrowdWatch {

    private static final System.Logger LOG = System.getLogger(CrowdWatch.class.getName());
    static final int WINDOW = 10;
    static final int SLOW_IN_ROW = 3;
    /** Fewer probes than this say nothing about a share. */
    static final int FEWEST_FOR_A_SHARE = 5;

    private record Probe(boolean failed, boolean slow) {
    }

    private MaintenanceStore store;
    private Optional<Integer> perMinute;
    private long latencyMillis;
    private double failureShare;
    private long calmMillis;
    private final Deque<Probe> last = new ArrayDeque<>();
    private long calmSince = -1;

    protected CrowdWatch() {
    }

    @Inject
    public CrowdWatch(MaintenanceStore store,
            @ConfigProperty(name = "circuit.breaker.admission.per.minute") Optional<Integer> perMinute,
            @ConfigProperty(name = "circuit.breaker.admission.latency.ms", defaultValue = "2000") long latency,
            @ConfigProperty(name = "circuit.breaker.admission.failure.share", defaultValue = "0.5") double share,
            @ConfigProperty(name = "circuit.breaker.admission.calm.seconds", defaultValue = "120") long calm) {
        if (perMinute.isPresent() && (perMinute.get() < 1 || perMinute.get() > AdmissionMode.MAX_PER_MINUTE)) {
            throw new IllegalStateException("CIRCUIT_BREAKER_ADMISSION_PER_MINUTE must be from 1 to "
                    + AdmissionMode.MAX_PER_MINUTE + ", not " + perMinute.get());
        }
        if (latency < 1 || !(share > 0 && share <= 1) || calm < 1) {
            throw new IllegalStateException("CIRCUIT_BREAKER_ADMISSION_LATENCY_MS and _CALM_SECONDS must be at least 1,"
                    + " CIRCUIT_BREAKER_ADMISSION_FAILURE_SHARE above 0 and at most 1");
        }
        this.store = store;
        this.perMinute = perMinute;
        this.latencyMillis = latency;
        this.failureShare = share;
        this.calmMillis = calm * 1000;
    }

    public boolean enabled() {
        return perMinute.isPresent();
    }

    /** One probe of the site: whether it failed, and how long it took. */
    synchronized void probed(boolean failed, long millis, long now) throws IOException {
        if (!enabled()) {
            return;
        }
        if (store.current().isActive()) { // closed (a trip, planned work): what the site did before says nothing now
            last.clear();
            calmSince = -1;
            return;
        }
        last.addLast(new Probe(failed, !failed && millis > latencyMillis));
        while (last.size() > WINDOW) {
            last.removeFirst();
        }
        boolean slowInRow = last.size() >= SLOW_IN_ROW
                && last.stream().skip(last.size() - SLOW_IN_ROW).allMatch(Probe::slow);
        long failures = last.stream().filter(Probe::failed).count();
        boolean failing = last.size() >= FEWEST_FOR_A_SHARE && failures > failureShare * last.size();
        if (!failed && (slowInRow || failing)) {
            calmSince = -1;
            AdmissionMode mode = new AdmissionMode(now, perMinute.get(), AdmissionMode.DEFAULT_IDLE_SECONDS,
                    Cause.WATCHER.key());
            if (store.admissionIf(state -> !state.isActive() && state.admission() == null, mode, Author.WATCHER)
                    .isPresent()) {
                LOG.log(Level.WARNING, "The site struggles ({0}): admission mode is on, {1} new visitors a minute",
                        slowInRow ? "answers slower than " + latencyMillis + " ms" : failures + " of the last "
                        + last.size() + " probes failed", perMinute.get());
            }
        } else if (failed || last.getLast().slow() || failing) {
            calmSince = -1;
        } else if (calmSince < 0) {
            calmSince = now;
        } else if (now - calmSince >= calmMillis && store.admissionIf(CrowdWatch::turnedOnByTheWatcher, null,
                Author.WATCHER).isPresent()) {
            LOG.log(Level.INFO, "The site answers well again: admission mode is off");
        }
    }

    private static boolean turnedOnByTheWatcher(MaintenanceState state) {
        return state.admission() != null && Cause.WATCHER.key().equals(state.admission().by());
    }
}
