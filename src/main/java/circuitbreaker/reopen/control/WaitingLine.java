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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * This instance's visitors in a reopening, let back at an even rate: those waiting here when it begins line up in the
 * order they came, their turns spread evenly up to its end; those who arrive during it come at its end. Every member
 * does the same over the same span, so the fleet's rate is the sum. A page hears its place, then its admission. Places
 * are told a batch a step, in turn order and after the step's admissions: telling ten thousand sockets at once would
 * hold up the first turns for seconds.
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

    private record Turn(String sessionId, long at) {
    }

    // All guarded by this. The last reopening's count stays after it ends, for the record of its end.
    private final List<Turn> turns = new ArrayList<>();
    private long from = -1; // the reopening followed last; -1: none yet
    private long until;
    private int next;
    private int told; // the turns before it have been told their place (or let in)
    private final Pace pace = new Pace();
    private long admitted;
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
            turns.add(new Turn(joined.sessionId(), until)); // told its place with the next step
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
            spread(next, state.reopening().until(), now);
        }
    }

    private void begin(long reopening, long end, long now) {
        stop();
        from = reopening;
        admitted = 0;
        for (WaitingSocket socket : sockets.waiting()) {
            turns.add(new Turn(socket.sessionId(), end));
        }
        spread(0, end, now);
        admitting = scheduler.scheduleAtFixedRate(faults.guarded("WaitingLine.admitDue", this::admitDue), STEP_MILLIS,
                STEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The turns from {@code first} on, evenly up to a step before the end (newcomers' turn), each to be told again. */
    private void spread(int first, long end, long now) {
        until = end;
        long last = Math.max(now, end - STEP_MILLIS);
        int left = turns.size() - first;
        for (int i = 0; i < left; i++) {
            turns.set(first + i, new Turn(turns.get(first + i).sessionId(), now + (i + 1) * (last - now) / left));
        }
        pace.spread(left, now, last);
        told = first;
        record();
    }

    synchronized void admitDue() {
        forgetGone();
        long now = store.now();
        int due = next;
        while (due < turns.size() && turns.get(due).at() <= now) {
            due++;
        }
        admit(next + pace.allow(due - next, now, STEP_MILLIS));
        told = Math.max(told, next);
        for (int stop = Math.min(turns.size(), told + PLACES_PER_STEP); told < stop; told++) {
            Turn turn = turns.get(told);
            sockets.sendTo(turn.sessionId(), jsonb.toJson(new SocketMessage(SocketMessage.PLACE, new Place(
                    told - next + 1, turns.size() - next, turn.at(), until, now))));
        }
    }

    /**
     * Drops the turns already let in and those of sockets closed since: a client that reconnects in a loop joins the
     * line each time, and the line must not outgrow the sockets that are open.
     */
    private void forgetGone() {
        long closures = sockets.closures();
        if (closures == closuresSeen && next == 0) {
            return;
        }
        closuresSeen = closures;
        List<Turn> open = new ArrayList<>(turns.size() - next);
        int toldOpen = 0;
        for (int i = next; i < turns.size(); i++) {
            if (sockets.isOpen(turns.get(i).sessionId())) {
                open.add(turns.get(i));
                toldOpen += i < told ? 1 : 0;
            }
        }
        turns.clear();
        turns.addAll(open);
        next = 0;
        told = toldOpen;
    }

    /** Lets in everyone in line up to (not including) {@code end}, in order. */
    private void admit(int end) {
        String message = jsonb.toJson(new SocketMessage(SocketMessage.ADMITTED, new Admitted(Admission.COOKIE,
                admission.value(from), until)));
        while (next < end) {
            if (sockets.sendTo(turns.get(next++).sessionId(), message)) {
                admitted++;
                metrics.count("circuitbreaker_reopening_admitted");
            }
        }
        record();
    }

    private void record() {
        store.recordReopening(new ReopeningProgress(admitted, turns.size() - next));
    }

    private void stop() {
        if (admitting != null) {
            admitting.cancel(false);
            admitting = null;
        }
        turns.clear();
        next = 0;
        told = 0;
        record();
    }
}
