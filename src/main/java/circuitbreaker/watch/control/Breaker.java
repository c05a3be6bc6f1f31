package circuitbreaker.watch.control;

import circuitbreaker.maintenance.entity.Author;
import circuitbreaker.maintenance.entity.MaintenanceState;

/**
 * Counts the main site's answers in a row and says when to trip or recover. It trips only a closed site (an
 * operator's or a window's maintenance is left alone) and recovers only what the watcher opened: once an operator
 * posts during a trip, the cause is theirs and so is the decision to end it.
 */
public final class Breaker {

    public enum Move { TRIP, RECOVER, NONE }

    private final int failuresToTrip;
    private final int successesToRecover;
    private int failures;
    private int successes;

    public Breaker(int failuresToTrip, int successesToRecover) {
        this.failuresToTrip = failuresToTrip;
        this.successesToRecover = successesToRecover;
    }

    public synchronized Move record(boolean healthy, MaintenanceState state) {
        if (healthy) {
            successes++;
            failures = 0;
            return successes >= successesToRecover && state.openedBy(Author.WATCHER) ? Move.RECOVER : Move.NONE;
        }
        failures++;
        successes = 0;
        return failures >= failuresToTrip && !state.isActive() ? Move.TRIP : Move.NONE;
    }

    public synchronized int failuresInRow() {
        return failures;
    }

    public synchronized int successesInRow() {
        return successes;
    }
}
