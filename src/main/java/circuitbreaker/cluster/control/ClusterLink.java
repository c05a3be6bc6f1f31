package circuitbreaker.cluster.control;

import circuitbreaker.access.Operators;
import circuitbreaker.access.OperatorsChanged;
import circuitbreaker.cluster.entity.Announcement;
import circuitbreaker.fleet.Fleet;
import circuitbreaker.maintenance.control.MaintenanceStore;
import circuitbreaker.maintenance.control.ScopeBook;
import circuitbreaker.maintenance.entity.MaintenanceState;
import circuitbreaker.maintenance.entity.Scope;
import circuitbreaker.maintenance.entity.StateChanged;
import circuitbreaker.platform.FailsAlone;
import circuitbreaker.platform.Second;
import circuitbreaker.reopen.control.Admission;
import circuitbreaker.reopen.control.WaitingLine;
import circuitbreaker.schedule.control.Windows;
import circuitbreaker.schedule.entity.WindowsChanged;
import fish.payara.micro.cdi.Inbound;
import fish.payara.micro.cdi.Outbound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps the instances of a cluster in agreement over Payara's data grid (clustered CDI events): each accepted update
 * is announced at once, and every instance re-announces its state, its windows and its counts every few seconds.
 * An instance that joins or comes back asks the fleet every second until a member answers (see {@link Fleet}), so it
 * never serves its file's older state. Off unless CIRCUIT_BREAKER_CLUSTER names the members.
 */
@ApplicationScoped
public class ClusterLink {

    private static final System.Logger LOG = System.getLogger(ClusterLink.class.getName());

    @Inject
    Fleet fleet;

    @Inject
    MaintenanceStore store;

    @Inject
    ScopeBook scopes;

    @Inject
    Windows windows;

    @Inject
    Operators operators;

    @Inject
    WaitingLine line;

    @Inject
    Admission admission;

    @Inject
    @Outbound
    Event<Announcement> others;

    void askAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (fleet.enabled()) {
            others.fire(says(true));
        }
    }

    /** Every second: ask the fleet while starting, then announce every few seconds. */
    @FailsAlone
    void second(@ObservesAsync Second second) {
        if (!fleet.enabled()) {
            return;
        }
        if (fleet.waitingForTheFleet()) {
            others.fire(says(true));
        } else if (second.number() % Fleet.ANNOUNCE_SECONDS == 0) {
            announce();
        }
    }

    @FailsAlone
    void localChange(@Observes StateChanged change) {
        if (change.local()) {
            announce();
        }
    }

    @FailsAlone
    void localWindows(@Observes WindowsChanged change) {
        if (change.local()) {
            announce();
        }
    }

    @FailsAlone
    void localOperators(@Observes OperatorsChanged change) {
        if (change.local()) {
            announce();
        }
    }

    /** Another member's state and windows: the newer of each wins here, and a member behind us hears ours at once. */
    @FailsAlone
    void heard(@Observes @Inbound Announcement announcement) {
        fleet.heard(announcement.member(), announcement.instance(), announcement.report());
        admission.heard(announcement.admissionKey(), store.now());
        if (!fleet.member().equals(announcement.member())) { // our own comes back too
            scopes.heard(announcement.member(), announcement.instance(), announcement.scopesDigest());
        }
        Map<String, MaintenanceState> theirs = announcement.scopes() == null ? Map.of() : announcement.scopes();
        boolean behind = false;
        for (var mine : store.all().entrySet()) {
            MaintenanceState other = mine.getKey().equals(Scope.SITE) ? announcement.state()
                    : theirs.get(mine.getKey());
            if (other != null && store.adopt(mine.getKey(), other)) {
                LOG.log(Level.INFO, "Took version {0} of {1} from {2}", other.version(), mine.getKey(),
                        announcement.instance());
            }
            behind |= other != null && mine.getValue().isNewerThan(other); // a scope it lacks: its file differs
        }
        windows.adopt(announcement.windows());
        operators.adopt(announcement.operators(), announcement.instance());
        behind |= announcement.operators() != null && operators.book().isNewerThan(announcement.operators());
        if (announcement.asking() || behind || windows.book().version() > announcement.windows().version()) {
            announce();
        }
    }

    private void announce() {
        if (fleet.enabled()) {
            others.fire(says(false));
        }
    }

    private Announcement says(boolean asking) {
        Map<String, MaintenanceState> others = new HashMap<>(store.all());
        others.remove(Scope.SITE);
        return new Announcement(fleet.member(), fleet.instance(), store.current(), windows.book(), asking, line.report(),
                admission.key(), others, scopes.digest(), operators.book());
    }
}
