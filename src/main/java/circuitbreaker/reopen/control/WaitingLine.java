package circuitbreaker.reopen.control;

import circuitbreaker.fleet.Fleet;
import circuitbreaker.fleet.MemberReport;
import circuitbreaker.live.control.OpenSockets;
import circuitbreaker.live.entity.SocketJoined;
import circuitbreaker.live.entity.WaitingSocket;
import circuitbreaker.maintenance.control.MaintenanceStore;
import circuitbreaker.maintenance.entity.MaintenanceState;
import circuitbreaker.maintenance.entity.ReopeningProgress;
import circuitbreaker.maintenance.entity.StateChanged;
import circuitbreaker.platform.FailsAlone;
import circuitbreaker.platform.Faults;
import circuitbreaker.reopen.entity.Place;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * This instance's visitors in a line, let in at a steady rate (SPEC §15, §20): in a reopening, those waiting here when
 * it begins line up in the order they came, those who arrive during it behind them, and the line moves at the
 * {@link Pace} that lets all who waited in by the end and keeps up with the newcomers; every member does the same over
 * the same span, so the fleet's rate is the sum. In admission mode the line has no end and moves at the mode's rate,
 * each member taking its share. A page hears its place, then its admission; places a batch a step, after the step's
 * admissions (telling ten thousand sockets at once held up the first turns for seconds). Only the site's pages line up.
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
    LineMessages messages;

    @Inject
    Faults faults;

    @Inject
    Fleet fleet;

    @Resource
    ManagedScheduledExecutorService scheduler;

    // All guarded by this. The last reopening's count stays after it ends, for the record of its end.
    private final Turns turns = new Turns();
    private final Queue<String> joining = new ConcurrentLinkedQueue<>(); // newcomers, for the next step
    private LineSession line; // the line followed last; null: none yet
    private final Pace pace = new Pace();
    private long admitted;
    private int leftInLine; // those in line after the last step
    private long closuresSeen; // the sockets' closures when the line last forgot those gone
    private volatile ScheduledFuture<?> admitting; // null: nobody waits in line here now

    /** A member that starts during a reopening or admission mode lines up its visitors. */
    void atStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        follow();
    }

    /** Off the caller's thread: lining up thousands of visitors must not hold up the update that ended maintenance. */
    @FailsAlone
    void changed(@Observes StateChanged change) {
        scheduler.execute(faults.guarded("WaitingLine.follow", this::follow)); // the site's line: idempotent on others
    }

    @FailsAlone
    void joined(@Observes SocketJoined joined) {
        if (admitting != null && joined.ofSite()) { // behind everyone in line with the next step, not holding it up
            joining.add(joined.sessionId());
        }
    }

    /** The visitors let in by their turn during the reopening that began at {@code reopening}. */
    public synchronized long admitted(long reopening) {
        return line != null && reopening == line.name() ? admitted : 0;
    }

    /** What this instance tells the fleet of itself: its open sockets, and how far its line has come. */
    public synchronized MemberReport report() {
        return new MemberReport(sockets.count(), line == null ? 0 : line.name(), admitted);
    }

    synchronized void follow() {
        MaintenanceState state = store.current();
        LineSession now = LineSession.of(state, store.now());
        if (now == null) {
            if (!state.isActive()) {
                admit(turns.size()); // it is over, or everyone may come now: the rest come in as well
            }
            stop(); // or maintenance is on again: nobody else comes in
        } else if (line == null || now.name() != line.name()) {
            begin(now);
        } else if (now.until() != line.until()) {
            pace.begin(turns.waiting(), store.now(), now.until()); // the end moved: each in line hears again
            turns.tellAgain();
        }
        line = now == null ? line : now; // admission mode's rate may change as it goes
    }

    private void begin(LineSession next) {
        stop();
        line = next;
        admitted = 0;
        // Newcomers queue from now on (its steps wait for this lock): none falls between; one in both is in line once.
        admitting = scheduler.scheduleAtFixedRate(faults.guarded("WaitingLine.admitDue", this::admitDue), STEP_MILLIS,
                STEP_MILLIS, TimeUnit.MILLISECONDS);
        for (WaitingSocket socket : sockets.waiting()) {
            turns.add(socket.sessionId());
        }
        leftInLine = turns.size();
        pace.begin(turns.size(), store.now(), line.until());
        record();
    }

    synchronized void admitDue() {
        if (store.current().isActive()) {
            return; // maintenance is on again: nobody else comes in, even before the line hears of it
        }
        turns.join(joining);
        if (sockets.closures() != closuresSeen || turns.next > 0) {
            closuresSeen = sockets.closures();
            turns.keepOnly(sockets::isOpen);
        }
        long now = store.now();
        long until = line.until();
        int gained = turns.waiting() - leftInLine; // newcomers who stay (a reconnect loop comes and goes)
        // Members come and go: admission mode's share follows them (a reopening's rate is the pace's).
        double share = line.reopening() ? 0 : line.perMilli(fleet.membersSeen().size());
        admit(turns.next + (line.reopening() ? pace.allow(turns.waiting(), gained, now, until, STEP_MILLIS)
                : pace.allowAt(turns.waiting(), share, now, STEP_MILLIS)));
        leftInLine = turns.waiting();
        double rate = Math.max(1e-9, line.reopening() ? pace.perMilli(turns.waiting(), now, until) : share);
        long everyone = Math.min(until, now + (long) (turns.waiting() / rate));
        turns.told = Math.max(turns.told, turns.next);
        for (int stop = Math.min(turns.size(), turns.told + PLACES_PER_STEP); turns.told < stop; turns.told++) {
            int place = turns.told - turns.next + 1;
            messages.place(turns.get(turns.told), new Place(place, turns.waiting(),
                    Math.min(until, now + (long) (place / rate)), everyone, now));
        }
    }

    /** Lets in everyone in line up to (not including) {@code end}, in order. */
    private void admit(int end) {
        long now = store.now();
        while (turns.next < end) {
            if (messages.admitted(turns.get(turns.next++), line, now)) {
                admitted++;
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
        joining.clear();
        record();
    }
}
