package circuitbreaker.reopen.control;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One instance's line in a reopening: the sockets in the order they came, those who waited first. Those before
 * {@link #next} have been let in, those before {@link #told} have been told their place. Guarded by its owner,
 * {@link WaitingLine}.
 */
final class Turns {

    private final List<String> sessions = new ArrayList<>();
    private final Set<String> inLine = new HashSet<>();
    int next;
    int told;

    /** Behind everyone; a socket already in line stays where it is. */
    void add(String sessionId) {
        if (inLine.add(sessionId)) {
            sessions.add(sessionId);
        }
    }

    /** Those who joined since, behind everyone, in the order they came. */
    void join(Queue<String> newcomers) {
        for (String newcomer; (newcomer = newcomers.poll()) != null; ) {
            add(newcomer);
        }
    }

    String get(int index) {
        return sessions.get(index);
    }

    int size() {
        return sessions.size();
    }

    /** Those still in line. */
    int waiting() {
        return sessions.size() - next;
    }

    /** Each still in line is to be told its place again (the reopening's end moved). */
    void tellAgain() {
        told = next;
    }

    /**
     * Drops the turns already let in and those whose socket is gone: a client that reconnects in a loop joins the
     * line each time, and the line must not outgrow the sockets that are open.
     */
    void keepOnly(Predicate<String> open) {
        List<String> kept = new ArrayList<>(waiting());
        int toldKept = 0;
        for (int i = next; i < sessions.size(); i++) {
            if (open.test(sessions.get(i))) {
                kept.add(sessions.get(i));
                toldKept += i < told ? 1 : 0;
            }
        }
        sessions.clear();
        sessions.addAll(kept);
        inLine.clear();
        inLine.addAll(kept);
        next = 0;
        told = toldKept;
    }

    void clear() {
        sessions.clear();
        inLine.clear();
        next = 0;
        told = 0;
    }
}
