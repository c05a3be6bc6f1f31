package circuitbreaker.maintenance.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import circuitbreaker.maintenance.entity.Author;
import circuitbreaker.maintenance.entity.Cause;
import circuitbreaker.maintenance.entity.MaintenanceState;
import circuitbreaker.maintenance.entity.Phase;
import circuitbreaker.maintenance.entity.StatusUpdate;
import org.junit.jupiter.api.Test;

class MaintenanceStateTest {

    static final long T = 1_800_000_000_000L;
    final MaintenanceState running = new MaintenanceState(true, "msg", "issue", T, T + 600_000, T, 3, null);

    @Test
    void countdownRoundsUpAndNeverGoesNegative() {
        assertEquals(600, running.countdownAt(T));
        assertEquals(600, running.countdownAt(T + 1));
        assertEquals(1, running.countdownAt(T + 599_999));
        assertEquals(0, running.countdownAt(T + 600_000));
        assertEquals(0, running.countdownAt(T + 9_999_999));
    }

    @Test
    void phasesFollowTheTimeLeft() {
        assertEquals(Phase.ACTIVE, running.phaseAt(T));
        assertEquals(Phase.ALMOST, running.phaseAt(T + 600_000 - 300_000));
        assertEquals(Phase.FINAL, running.phaseAt(T + 600_000 - 60_000));
        assertEquals(Phase.COMPLETE, running.phaseAt(T + 600_000));
        MaintenanceState open = running.apply(new StatusUpdate(null, null, null, new StatusUpdate.End(null)), T,
                Author.operator("alice"), 0);
        assertEquals(Phase.ACTIVE, open.phaseAt(T + 9_999_999), "with no end known it never claims to be almost done");
        MaintenanceState off = running.apply(new StatusUpdate(null, null, false, null), T, Author.operator("alice"), 0);
        assertEquals(Phase.COMPLETE, off.phaseAt(T));
    }

    @Test
    void anUpdateKeepsWhatItOmitsAndCountsTheVersion() {
        MaintenanceState next = running.apply(new StatusUpdate("new", null, null, null), T + 5, Author.operator("alice"), 0);
        assertEquals("new", next.message());
        assertEquals("issue", next.currentIssue());
        assertEquals(T + 600_000, next.estimatedCompletion());
        assertEquals(T, next.startTime(), "still the same maintenance");
        assertEquals(T + 5, next.updatedAt());
        assertEquals(4, next.version());
    }

    @Test
    void turningOnAgainStartsANewMaintenance() {
        MaintenanceState off = running.apply(new StatusUpdate(null, null, false, null), T + 10, Author.operator("alice"), 0);
        assertFalse(off.isActive());
        assertEquals(T, off.startTime());
        MaintenanceState on = off.apply(new StatusUpdate(null, null, null, null), T + 20, Author.operator("alice"), 0);
        assertEquals(T + 20, on.startTime());
    }

    @Test
    void defaultsAreOffWithNoEndSoAFirstStartLeavesTheSiteOpen() {
        MaintenanceState initial = MaintenanceState.initial(T);
        assertFalse(initial.isActive());
        assertNull(initial.estimatedCompletion());
        assertEquals(0, initial.countdownAt(T));
        assertEquals(0, initial.version());
    }
}
