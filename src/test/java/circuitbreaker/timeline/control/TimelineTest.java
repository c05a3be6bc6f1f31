package circuitbreaker.timeline.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import circuitbreaker.maintenance.entity.MaintenanceState;
import circuitbreaker.maintenance.entity.Scope;
import circuitbreaker.maintenance.entity.StateChanged;
import circuitbreaker.timeline.entity.FinishedMaintenance;
import circuitbreaker.timeline.entity.HistoryAnswer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How finished maintenances are measured against the end first promised to visitors. */
class TimelineTest {

    static final long T = 1_800_000_000_000L;
    static final long SECOND = 1000;

    @TempDir
    Path folder;

    Timeline timeline;
    MaintenanceState last = new MaintenanceState(false, "m", "i", T, null, T, 0, "operator");

    @BeforeEach
    void setUp() {
        timeline = new Timeline();
        timeline.location = Optional.of(folder.resolve("history.json").toString());
        timeline.stateFile = folder.resolve("state.json").toString();
        timeline.limit = 3;
        timeline.load();
    }

    /** The next state, as the store would make it: started now if it turns on, versioned one up. */
    void change(long at, boolean active, Long end, String cause) throws IOException {
        MaintenanceState next = new MaintenanceState(active, "m" + at, "i", active && !last.isActive() ? at
                : last.startTime(), end, at, last.version() + 1, cause);
        timeline.changed(new StateChanged(Scope.SITE, last, next, true));
        last = next;
    }

    @Test
    void anExtendedMaintenanceOverrunsItsFirstPromiseNotItsLast() throws IOException {
        change(T, true, T + 600 * SECOND, "operator");
        change(T + 300 * SECOND, true, T + 900 * SECOND, "operator"); // extended: the first promise still counts
        change(T + 1000 * SECOND, false, null, "operator");
        FinishedMaintenance finished = timeline.answer(Scope.SITE, 10).finished().get(0);
        assertEquals(600L, finished.plannedSeconds());
        assertEquals(1000, finished.actualSeconds());
        assertEquals(400L, finished.overrunSeconds());
        assertEquals("operator", finished.cause());
    }

    @Test
    void aMaintenanceThatNeverPromisedAnEndHasNoOverrunAndTheSummaryCountsOnlyPromises() throws IOException {
        change(T, true, null, "watcher");
        change(T + 120 * SECOND, false, null, "watcher");
        change(T + 200 * SECOND, true, T + 500 * SECOND, "schedule");
        change(T + 440 * SECOND, false, null, "schedule"); // a minute early
        HistoryAnswer answer = timeline.answer(Scope.SITE, 10);
        assertNull(answer.finished().get(1).overrunSeconds(), "the watcher's trip promised nothing");
        assertEquals(-60L, answer.finished().get(0).overrunSeconds());
        assertEquals(1, answer.overrun().planned());
        assertEquals(0, answer.overrun().overran());
        assertEquals(-60L, answer.overrun().medianSeconds());
    }

    @Test
    void aStateHeardAgainIsNotToldTwiceAndTheNewestAreKept() throws IOException {
        change(T, true, null, "operator");
        timeline.changed(new StateChanged(Scope.SITE, last, last, false)); // the same version, from another member
        assertEquals(1, timeline.answer(Scope.SITE, 10).entries().size());
        for (int i = 1; i <= 4; i++) {
            change(T + i * SECOND, true, null, "operator");
        }
        assertEquals(3, timeline.answer(Scope.SITE, 10).entries().size(), "CIRCUIT_BREAKER_HISTORY_LIMIT");
        assertEquals(last.version(), timeline.answer(Scope.SITE, 1).entries().get(0).version(), "newest first");
    }
}
