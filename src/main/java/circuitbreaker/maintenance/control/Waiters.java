package circuitbreaker.maintenance.control;

import circuitbreaker.maintenance.entity.MaintenanceState;
import circuitbreaker.maintenance.entity.StatusUpdate;
import jakarta.enterprise.inject.Instance;

/** Whether anyone in the fleet waits on the page for the site to come back: then ending maintenance reopens. */
public interface Waiters {

    boolean anyone();

    /**
     * A reopening nobody waits for is none (SPEC §20): ending maintenance then opens the site to everyone at once,
     * instead of holding every newcomer for the reopening's length.
     */
    static StatusUpdate quiet(Instance<Waiters> waiters, MaintenanceState state, StatusUpdate update) {
        boolean ends = state.isActive() && Boolean.FALSE.equals(update.isActive());
        return ends && waiters != null && waiters.isResolvable() && !waiters.get().anyone() ? update.atOnce() : update;
    }
}
