package circuitbreaker.reopen.control;

import circuitbreaker.fleet.Fleet;
import circuitbreaker.maintenance.control.MaintenanceStore;
import circuitbreaker.maintenance.entity.MaintenanceState;
import circuitbreaker.maintenance.entity.Reopening;
import circuitbreaker.platform.FailsAlone;
import circuitbreaker.platform.Second;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.System.Logger.Level;

/**
 * Records, once per fleet, that a reopening has ended and how many visitors the fleet let in by their turn: the
 * leading member, once the reopening's time is up (in a cluster, once the others have announced their last counts).
 * From its end the gate is open to everyone anyway; this record is for the timeline, the webhooks and the console.
 */
@ApplicationScoped
public class ReopeningClock {

    private static final System.Logger LOG = System.getLogger(ReopeningClock.class.getName());

    @Inject
    MaintenanceStore store;

    @Inject
    Fleet fleet;

    @Inject
    WaitingLine line;

    @FailsAlone
    void second(@ObservesAsync Second second) {
        MaintenanceState state = store.current();
        Reopening reopening = state.reopening();
        long now = store.now();
        if (state.isActive() || reopening == null || !reopening.dueAt(now) || !fleet.leads()) {
            return;
        }
        if (fleet.enabled() && now < reopening.until() + (Fleet.ANNOUNCE_SECONDS + 1) * 1000) {
            return; // the other members' last counts are on their way
        }
        long admitted = fleet.admittedSeen(reopening.from(), line.admitted(reopening.from()));
        try {
            store.endReopening(reopening.from(), admitted).ifPresent(ended -> LOG.log(Level.INFO,
                    "The reopening is over: {0} visitor(s) were let in by their turn", admitted));
        } catch (IOException e) {
            LOG.log(Level.ERROR, "Could not record the end of the reopening (tried again next second): {0}",
                    e.toString());
        }
    }
}
