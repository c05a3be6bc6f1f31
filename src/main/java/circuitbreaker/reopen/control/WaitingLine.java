package circuitbreaker.reopen.control;

import circuitbreaker.fleet.MemberReport;
import circuitbreaker.live.control.OpenSockets;
import circuitbreaker.live.entity.SocketJoined;
import circuitbreaker.live.entity.SocketMessage;
import circuitbreaker.live.entity.WaitingSocket;
import circuitbreaker.maintenance.control.MaintenanceStore;
import circuitbreaker.maintenance.entity.MaintenanceState;
import circuitbreaker.maintenance.entity.ReopeningProgress;
import circuitbreaker.maintenance.entity.StateChanged;
import circuitbreaker.platform.FailsAlone;
import circuitbreaker.platform.Faults;
import circuitbreaker.platform.Metrics;
import circuitbreaker.reopen.entity.Admitted;
import circuitbreaker.reopen.entity.Place;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * This instance's visitors in a reopening, let back at a steady rate (SPEC §20): those waiting here when it begins
 * line up in the order they came, those who arrive during it behind them, and the line moves at the {@link Pace} that
 * lets all who waited in by the end and keeps up with the newcomers. Every member does the same over the same span,
 * so the fleet's rate is the sum. A page hears
 * its place, then its admission. Places are told a batch a step, in line order and after the step's admissions:
 * telling ten thousand sockets at once would hold up the first turns for seconds.
 */
@ApplicationScoped
public class WaitingLine {

    static final long STEP_MILLIS = 100;
    static final int PLACES_PER_STEP = 250;

    @Inject
    OpenSockets sockets;

    @Inject
    MaintenanceStore store;

    @Inject
    Admission admission;

    @Inject
    Jsonb jsonb;

    @Inject
    Metrics metrics;

    @Inject
    Faults faults;

    @Resource
    ManagedScheduledExecutorService scheduler;

    // All guarded by this. The last reopening's count stays after it ends, for the record of its end.
    private final Turns turns = new Turns();
    private long from = -1; // the reopening followed last; -1: none yet
    private long until;
    private final Pace pace = new Pace();
    private long admitted;
    private int arrived; // newcomers since the last step
    private long closuresSeen; // the sockets' closures when the line last forgot those gone
    private ScheduledFuture<?> admitting; // null: nobody waits in line here now

    /** A member that starts during a reopening lines up its visitors for the rest of it. */
    void atStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        follow();
    }

    /** Off the caller's thread: lining up thousands of visitors must not hold up the update that ended maintenance. */
    @FailsAlone
    void changed(@Observes StateChanged change) {
        scheduler.execute(faults.guarded("WaitingLine.follow", this::follow));
    }

    @FailsAlone
    synchronized void joined(@Observes SocketJoined joined) {
        if (admitting != null) {
            turns.add(joined.sessionId()); // behind everyone in line, told its place with the next step
            arrived++;
        }
    }

    /** The visitors let in by their turn during the reopening that began at {@code reopening}. */
    public synchronized long admitted(long reopening) {
        return reopening == from ? admitted : 0;
    }

    /** What this instance tells the fleet of itself: its open sockets, and how far its line has come. */
    public synchronized MemberReport report() {
        return new MemberReport(sockets.count(), Math.max(0, from), admitted);
    }

    synchronized void follow() {
        MaintenanceState state = store.current();
        long now = store.now();
        if (!state.reopeningAt(now)) {
            if (!state.isActive()) {
                admit(turns.size()); // it is over, or everyone may come now: the rest come in as well
            }
            stop(); // or maintenance is on again: nobody else comes in
        } else if (state.reopening().from() != from) {
            begin(state.reopening().from(), state.reopening().until(), now);
        } else if (state.reopening().until() != until) {
            spread(state.reopening().until(), now);
        }
    }

    private void begin(long reopening, long end, long now) {
        stop();
        from = reopening;
        admitted = 0;
        for (WaitingSocket socket : sockets.waiting()) {
            turns.add(socket.sessionId());
        }
        until = end;
        pace.begin(now);
        record();
        admitting = scheduler.scheduleAtFixedRate(faults.guarded("WaitingLine.admitDue", this::admitDue), STEP_MILLIS,
                STEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The reopening's end moved: the line keeps its order, each in it is told its place again. */
    private void spread(long end, long now) {
        until = end;

        turns.tellAgain();
        record();
    }

    synchronized void admitDue() {
        if (sockets.closures() != closuresSeen || turns.next > 0) {
            closuresSeen = sockets.closures();
            turns.keepOnly(sockets::isOpen);
        }
        long now = store.now();
        admit(turns.next + pace.allow(turns.waiting(), arrived, now, until, STEP_MILLIS));
        arrived = 0;
        double perMilli = pace.perMilli(turns.waiting(), now, until);
        turns.told = Math.max(turns.told, turns.next);
        for (int stop = Math.min(turns.size(), turns.told + PLACES_PER_STEP); turns.told < stop; turns.told++) {
            int place = turns.told - turns.next + 1;
            long at = Math.min(until, now + (long) (place / Math.max(perMilli, 1e-9)));
            sockets.sendTo(turns.get(turns.told), jsonb.toJson(new SocketMessage(SocketMessage.PLACE, new Place(
                    place, turns.waiting(), at, until, now))));
        }
    }

    /** Lets in everyone in line up to (not including) {@code end}, in order. */
    private void admit(int end) {
        while (turns.next < end) {
            String message = jsonb.toJson(new SocketMessage(SocketMessage.ADMITTED, new Admitted(
                    admission.value(from), until)));
            if (sockets.sendTo(turns.get(turns.next++), message)) {
                admitted++;
                metrics.count("circuitbreaker_reopening_admitted");
            }
        }
        record();
    }

    private void record() {
        store.recordReopening(new ReopeningProgress(admitted, turns.waiting()));
    }

    private void stop() {
        if (admitting != null) {
            admitting.cancel(false);
            admitting = null;
        }
        turns.clear();
        record();
    }
}
