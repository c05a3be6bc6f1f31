package circuitbreaker.reopen.control;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * One instance's line in a reopening: the turns in order, each a socket and the moment it may go in. Those before
 * {@link #next} have been let in, those before {@link #told} have been told their place. Guarded by its owner,
 * {@link WaitingLine}.
 */
final class Turns {

    record Turn(String sessionId, long at) {
    }

    private final List<Turn> turns = new ArrayList<>();
    int next;
    int told;

    void add(String sessionId, long at) {
        turns.add(new Turn(sessionId, at));
    }

    Turn get(int index) {
        return turns.get(index);
    }

    int size() {
        return turns.size();
    }

    /** Those still in line. */
    int waiting() {
        return turns.size() - next;
    }

    /** The turns not yet let in, evenly after {@code now} up to {@code last}, each to be told again; how many. */
    int spread(long now, long last) {
        int left = waiting();
        for (int i = 0; i < left; i++) {
            turns.set(next + i, new Turn(turns.get(next + i).sessionId(), now + (i + 1) * (last - now) / left));
        }
        told = next;
        return left;
    }

    /** The index after the last turn due by {@code now}. */
    int dueBy(long now) {
        int due = next;
        while (due < turns.size() && turns.get(due).at() <= now) {
            due++;
        }
        return due;
    }

    /**
     * Drops the turns already let in and those whose socket is gone: a client that reconnects in a loop joins the
     * line each time, and the line must not outgrow the sockets that are open.
     */
    void keepOnly(Predicate<String> open) {
        List<Turn> kept = new ArrayList<>(waiting());
        int toldKept = 0;
        for (int i = next; i < turns.size(); i++) {
            if (open.test(turns.get(i).sessionId())) {
                kept.add(turns.get(i));
                toldKept += i < told ? 1 : 0;
            }
        }
        turns.clear();
        turns.addAll(kept);
        next = 0;
        told = toldKept;
    }

    void clear() {
        turns.clear();
        next = 0;
        told = 0;
    }
}
