package circuitbreaker.schedule.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import circuitbreaker.fleet.Fleet;
import circuitbreaker.fleet.Grid;
import circuitbreaker.maintenance.control.MaintenanceStore;
import circuitbreaker.maintenance.control.ScopeBook;
import circuitbreaker.maintenance.control.StateFile;
import circuitbreaker.maintenance.entity.Author;
import circuitbreaker.maintenance.entity.Scope;
import circuitbreaker.maintenance.entity.MaintenanceState;
import circuitbreaker.maintenance.entity.StateChanged;
import circuitbreaker.maintenance.entity.StatusUpdate;
import circuitbreaker.platform.FileFormat;
import circuitbreaker.platform.RecordingEvent;
import circuitbreaker.platform.SteppedClock;
import circuitbreaker.schedule.entity.Window;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The windows' clock, driven second by second by a clock the test moves: no waiting for a window to begin. */
class WindowClockTest {

    static final long T = 1_800_000_000_000L;
    static final long START = T + 10_000;
    static final long END = T + 70_000;

    @TempDir
    Path folder;

    final SteppedClock clock = new SteppedClock(T);
    final RecordingEvent<StateChanged> changes = new RecordingEvent<>();
    MaintenanceStore store;
    Windows windows;
    WindowClock windowClock;

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(folder.resolve("scopes.json"), "[{\"name\": \"api\", \"hosts\": [\"api.test\"]}]");
        ScopeBook scopes = new ScopeBook(Optional.empty(), folder.resolve("state.json").toString());
        store = new MaintenanceStore(new StateFile(folder.resolve("state.json").toString()), scopes, changes, clock, 0);
        windows = new Windows();
        windows.store = store;
        windows.changed = new RecordingEvent<>();
        windows.scheduled = new RecordingEvent<>();
        windows.cancelled = new RecordingEvent<>();
        windows.location = Optional.of(folder.resolve("windows.json").toString());
        windows.stateFile = folder.resolve("state.json").toString();
        windows.load();
        windowClock = new WindowClock();
        windowClock.windows = windows;
        windowClock.store = store;
        windowClock.fleet = new Fleet(clock, Grid.none(), Optional.empty(), Optional.of("solo"), 10);
        windowClock.scopes = scopes;
        windows.add(new Window("w1", START, END, "Planned upgrade", "Database", null, T));
    }

    void at(long millis) {
        clock.set(millis);
        windowClock.tick(millis);
    }

    @Test
    void opensOnceAtItsStartWithACountdownToItsEndAndClosesAtItsEnd() {
        at(START - 1);
        assertFalse(store.current().isActive(), "not before its start");
        at(START);
        MaintenanceState opened = store.current();
        assertTrue(opened.isActive());
        assertEquals("schedule", opened.cause());
        assertEquals("Planned upgrade", opened.message());
        assertEquals(END, opened.estimatedCompletion());
        assertTrue(windows.book().opened().contains("w1@" + START));
        at(START + 1_000);
        assertEquals(opened.version(), store.current().version(), "one opening per occurrence");
        at(END - 1);
        assertTrue(store.current().isActive(), "not before its end");
        at(END);
        assertFalse(store.current().isActive());
        assertEquals("schedule", store.current().cause());
        assertTrue(windows.book().windows().isEmpty(), "an ended one-off leaves the list");
        assertEquals(2, changes.fired.size(), "opened and closed, nothing else");
    }

    @Test
    void aScopesWindowOpensAndClosesThatScopeOnlyAndMayOverlapTheSites() throws Exception {
        Window api = windows.add(new Window("w2", START, END + 60_000, "API upgrade", "v2", null, T).in("api"));
        assertEquals(FileFormat.CURRENT, Integer.parseInt(Files.readString(folder.resolve("windows.json"))
                .replaceAll("(?s)^\\{\\s*\"format\": (\\d+).*", "$1")), "a release before scopes must not read it");
        at(START);
        assertTrue(store.current("api").isActive());
        assertEquals("API upgrade", store.current("api").message());
        assertEquals("Planned upgrade", store.current().message(), "the site's own window, beside it");
        at(END);
        assertFalse(store.current().isActive());
        assertTrue(store.current("api").isActive(), "its own end");
        at(END + 60_000);
        assertFalse(store.current("api").isActive());
        assertEquals("schedule", store.current("api").cause());
        assertEquals("api", api.scope());
    }

    @Test
    void anOperatorsChangeDuringTheWindowIsLeftForTheOperatorToEnd() throws Exception {
        at(START);
        clock.set(START + 5_000);
        store.apply(Scope.SITE, new StatusUpdate("Taking longer", null, null, null), "alice");
        at(END);
        assertTrue(store.current().isActive(), "the operator decides when it ends");
        assertEquals("Taking longer", store.current().message());
    }

    @Test
    void aMaintenanceAlreadyOnWhenItBeginsIsLeftAsItIs() throws Exception {
        clock.set(T);
        store.apply(Scope.SITE, new StatusUpdate("Emergency fix", null, true, null), "alice");
        at(START);
        assertEquals("Emergency fix", store.current().message());
        assertEquals("operator", store.current().cause());
        assertTrue(windows.book().opened().contains("w1@" + START), "counted as begun: it does not open later");
        at(START + 30_000);
        assertEquals("Emergency fix", store.current().message());
    }

    @Test
    void onlyTheLeadingMemberOpensIt() {
        windowClock.fleet = new Fleet(clock, Grid.none(), Optional.of("127.0.0.1:6900"), Optional.of("beta"), 10);
        at(START);
        assertFalse(store.current().isActive(), "a member still waiting for the fleet leads nothing");
    }
}
