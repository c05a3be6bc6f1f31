package circuitbreaker.live.control;

import circuitbreaker.maintenance.entity.Scope;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.function.Consumer;

/**
 * One socket's queue of outgoing frames. Sends one frame at a time (concurrent async sends on one session are not
 * portable) and holds at most {@link #LIMIT} more. Where the server reports a send complete only once it is written,
 * this alone drops a client that stops reading; where it reports completion on queueing (Payara's Tyrus), the
 * pong deadline of {@link SocketPulse} does.
 */
final class Outbox {

    static final int LIMIT = 16;

    private final Session session;
    private final String endpoint;
    private final String scope;
    private final int order;
    private final Consumer<Session> onFailure;
    private final Queue<String> waiting = new ArrayDeque<>();
    private final MessageAllowance allowance;
    private boolean sending;
    private volatile long heardAt = System.nanoTime();

    /**
     * @param order when this socket joined, counted from 0: spreads the pings over the ticks
     * @param allowance how many messages the client may send
     */
    Outbox(Session session, int order, MessageAllowance allowance, Consumer<Session> onFailure) {
        this.session = session;
        this.endpoint = session.getRequestURI().getPath();
        this.scope = session.getPathParameters().getOrDefault("scope", Scope.SITE);
        this.order = order;
        this.allowance = allowance;
        this.onFailure = onFailure;
    }

    /** Queues a frame; false when the client is too far behind to keep. */
    boolean offer(String text) {
        synchronized (this) {
            if (sending) {
                if (waiting.size() >= LIMIT) {
                    return false;
                }
                waiting.add(text);
                return true;
            }
            sending = true;
        }
        send(text);
        return true;
    }

    Session session() {
        return session;
    }

    /** The path the client connected to: each endpoint's sessions are broadcast to together. */
    String endpoint() {
        return endpoint;
    }

    /** Whose feed it follows: the site's, or a scope's (/circuit-breaker/ws/{scope}). */
    String scope() {
        return scope;
    }

    int order() {
        return order;
    }

    /** The client answered (a pong or a message): it is reading. */
    void heard() {
        heardAt = System.nanoTime();
    }

    /** A message from the client: true while it stays within its allowance. */
    boolean received() {
        heard();
        return allowance.take(heardAt);
    }

    boolean silentFor(long nanos) {
        return System.nanoTime() - heardAt > nanos;
    }

    void ping(ByteBuffer payload) {
        try {
            session.getAsyncRemote().sendPing(payload.duplicate());
        } catch (IOException | RuntimeException e) {
            onFailure.accept(session);
        }
    }

    private void send(String text) {
        try {
            session.getAsyncRemote().sendText(text, this::sent);
        } catch (RuntimeException e) { // a session closed under us
            sent(new SendResult(e));
        }
    }

    private void sent(SendResult result) {
        if (!result.isOK()) {
            onFailure.accept(session);
            return;
        }
        String next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                sending = false;
                return;
            }
        }
        send(next);
    }
}
