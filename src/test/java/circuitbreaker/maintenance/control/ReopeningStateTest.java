package circuitbreaker.maintenance.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import circuitbreaker.maintenance.entity.Author;
import circuitbreaker.maintenance.entity.Cause;
import circuitbreaker.maintenance.entity.MaintenanceState;
import circuitbreaker.maintenance.entity.Phase;
import circuitbreaker.maintenance.entity.ReopeningProgress;
import circuitbreaker.maintenance.entity.StatusUpdate;
import org.junit.jupiter.api.Test;

/** How ending maintenance turns into a reopening, and how an operator or the leader moves it on. */
class ReopeningStateTest {

    static final long T = 1_800_000_000_000L;
    static final MaintenanceState ON = new MaintenanceState(true, "Upgrading", "DB", T - 60_000, null, T - 60_000, 4,
            "operator");
    static final StatusUpdate END = new StatusUpdate(null, null, false, null);

    static StatusUpdate reopen(long seconds) {
        return new StatusUpdate(null, null, false, null, seconds);
    }

    @Test
    void endingMaintenanceStartsAReopeningOfTheDefaultLengthOrTheOneGiven() {
        MaintenanceState reopening = ON.apply(END, T, Author.operator("alice"), 30);
        assertFalse(reopening.isActive());
        assertEquals(T, reopening.reopening().from());
        assertEquals(T + 30_000, reopening.reopening().until());
        assertEquals(Phase.REOPENING, reopening.phaseAt(T + 29_999));
        assertEquals(Phase.COMPLETE, reopening.phaseAt(T + 30_000), "everyone is in by its end");
        assertEquals(T + 120_000, ON.apply(reopen(120), T, Author.operator("alice"), 30).reopening().until());
        assertNull(ON.apply(reopen(0), T, Author.operator("alice"), 30).reopening(), "0: everyone at once, as before");
        assertNull(ON.apply(END, T, Author.operator("alice"), 0).reopening(), "CIRCUIT_BREAKER_REOPEN_SECONDS=0");
    }

    @Test
    void whileItGoesOnEveryoneNowEndsItAndANewLengthKeepsItsName() {
        MaintenanceState reopening = ON.apply(END, T, Author.WATCHER, 30);
        MaintenanceState now = reopening.apply(reopen(0), T + 5_000, Author.operator("alice"), 30);
        assertEquals(T + 5_000, now.reopening().until());
        assertFalse(now.reopeningAt(T + 5_000), "the gate is open to everyone from this moment");
        MaintenanceState longer = reopening.apply(reopen(100), T + 5_000, Author.operator("alice"), 30);
        assertEquals(T, longer.reopening().from(), "the same reopening: those let in stay in");
        assertEquals(T + 105_000, longer.reopening().until());
        MaintenanceState renamed = reopening.apply(new StatusUpdate("A note", null, false, null), T + 1_000,
                Author.operator("alice"), 30);
        assertEquals(reopening.reopening(), renamed.reopening(), "an update without a length leaves it as it is");
    }

    @Test
    void maintenanceOnAgainEndsItAndTheLeadersRecordKeepsTheCount() {
        MaintenanceState reopening = ON.apply(END, T, Author.WATCHER, 30);
        assertNull(reopening.apply(new StatusUpdate("Failing again", null, true, null), T + 3_000, Author.WATCHER, 30)
                .reopening(), "a trip during the reopening stops the admissions");
        assertFalse(reopening.reopening().dueAt(T + 29_999));
        assertTrue(reopening.reopening().dueAt(T + 30_000));
        MaintenanceState ended = reopening.reopeningEnded(T + 30_200, 312);
        assertEquals(312L, ended.reopening().admitted());
        assertEquals(T + 30_000, ended.reopening().until(), "its actual end");
        assertEquals("watcher", ended.cause(), "the same author: the end is the reopening's own");
        assertEquals(reopening.version() + 1, ended.version());
        assertFalse(ended.reopening().dueAt(T + 40_000), "recorded once");
        assertEquals(312, ended.at(T + 31_000, 0, ReopeningProgress.NONE).reopening().admitted());
    }
}
