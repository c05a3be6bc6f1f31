package circuitbreaker.watch.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import circuitbreaker.maintenance.entity.MaintenanceState;
import circuitbreaker.watch.control.Breaker.Move;
import org.junit.jupiter.api.Test;

class BreakerTest {

    static final MaintenanceState CLOSED = new MaintenanceState(false, "m", "i", 0, null, 0, 1, "operator");
    static final MaintenanceState TRIPPED = new MaintenanceState(true, "m", "i", 0, null, 0, 2, "watcher");
    static final MaintenanceState OPERATORS = new MaintenanceState(true, "m", "i", 0, null, 0, 3, "operator");

    final Breaker breaker = new Breaker(3, 2);

    @Test
    void tripsOnTheThirdFailureInARowOnly() {
        assertEquals(Move.NONE, breaker.record(false, CLOSED));
        assertEquals(Move.NONE, breaker.record(false, CLOSED));
        assertEquals(Move.NONE, breaker.record(true, CLOSED), "a success starts the count again");
        assertEquals(Move.NONE, breaker.record(false, CLOSED));
        assertEquals(Move.NONE, breaker.record(false, CLOSED));
        assertEquals(Move.TRIP, breaker.record(false, CLOSED));
        assertEquals(Move.NONE, breaker.record(false, TRIPPED), "one outage is one trip");
    }

    @Test
    void recoversWhatItOpenedAfterEnoughSuccesses() {
        assertEquals(Move.NONE, breaker.record(true, TRIPPED));
        assertEquals(Move.RECOVER, breaker.record(true, TRIPPED));
    }

    @Test
    void neverEndsAnOperatorsMaintenanceNorTripsOneThatIsOn() {
        for (int i = 0; i < 5; i++) {
            assertEquals(Move.NONE, breaker.record(true, OPERATORS));
        }
        for (int i = 0; i < 5; i++) {
            assertEquals(Move.NONE, breaker.record(false, OPERATORS));
        }
    }
}
