package circuitbreaker.live.control;

import circuitbreaker.live.entity.SocketJoined;
import circuitbreaker.live.entity.WaitingSocket;
import circuitbreaker.maintenance.entity.Scope;
import circuitbreaker.platform.Metrics;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every open socket (a visitor's page): joined, heard, answered, sent to one by one or all at once ({@link Fanout}),
 * and closed. A failed, overflowing or misbehaving session is closed and forgotten without touching the others.
 */
@ApplicationScoped
public class OpenSockets {

    @Inject
    Metrics metrics;

    @Inject
    Event<SocketJoined> arrivals;

    /** Messages a client may send per second (twice as many in a burst); beyond that it is closed with 1008. */
    @Inject
    @ConfigProperty(name = "circuit.breaker.socket.messages.per.second", defaultValue = "5")
    double messagesPerSecond;

    @Inject
    SocketQuota quota;

    @Inject
    SocketClosing closing;

    private final AtomicLong closures = new AtomicLong();
    private final ConcurrentHashMap<String, Outbox> outboxes = new ConcurrentHashMap<>();
    private final Fanout fanout = new Fanout();
    private final AtomicInteger joined = new AtomicInteger();

    @PostConstruct
    void registerGauge() {
        metrics.gauge("circuitbreaker_sockets_open", this::count);
    }

    /** A socket just opened: it joins the others, or is closed with 1013 when a limit is reached. */
    public void join(Session session) {
        CloseReason refused = quota.take(session.getId(), PeerAddress.of(session));
        if (refused != null) {
            SocketClosing.now(session, refused);
            return;
        }
        Outbox outbox = new Outbox(session, joined.getAndIncrement(),
                new MessageAllowance(messagesPerSecond, 2 * messagesPerSecond, System.nanoTime()), this::drop);
        outboxes.put(session.getId(), outbox);
        arrivals.fire(new SocketJoined(session.getId(), outbox.order(), outbox.scope())); // then its state comes
    }

    /** Every open socket of the whole site's page, those that joined first first: the site's line. */
    public List<WaitingSocket> waiting() {
        return outboxes.values().stream().filter(o -> o.scope().equals(Scope.SITE))
                .sorted(Comparator.comparingLong(Outbox::order))
                .map(outbox -> new WaitingSocket(outbox.session().getId(), outbox.order())).toList();
    }

    /** A message to one socket only; false when it is gone. */
    public boolean sendTo(String sessionId, String text) {
        Outbox outbox = outboxes.get(sessionId);
        if (outbox == null) {
            return false;
        }
        if (!outbox.offer(text)) {
            tooSlow(outbox);
        }
        return true;
    }

    /** A pong or a message from the client. */
    public void heard(Session session) {
        Optional.ofNullable(outboxes.get(session.getId())).ifPresent(Outbox::heard);
    }

    /**
     * A message from the client, before it is even parsed: true when it may be answered. A client over its allowance
     * is closed with 1008, so however fast it sends, it costs the others nothing more.
     */
    public boolean received(Session session) {
        Outbox outbox = outboxes.get(session.getId());
        if (outbox == null) {
            return false; // already on its way out
        }
        if (outbox.received()) {
            return true;
        }
        close(outbox.session(), new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "too many messages: at most "
                + BigDecimal.valueOf(messagesPerSecond).stripTrailingZeros().toPlainString() + " a second"),
                "too_many_messages");
        return false;
    }

    /** A client that broke the protocol (garbage, binary frames): closed with 1003 and the reason. */
    public void refuse(Session session, String reason) {
        close(session, new CloseReason(CloseReason.CloseCodes.CANNOT_ACCEPT, reason), "not_understood");
    }

    public void leave(Session session) {
        forget(session.getId());
    }

    /** Whether the socket is still open here. */
    public boolean isOpen(String sessionId) {
        return outboxes.containsKey(sessionId);
    }

    /** How many sockets have gone since the start: changes whenever one goes, so a list of them can be pruned. */
    public long closures() {
        return closures.get();
    }

    private boolean forget(String sessionId) {
        quota.release(sessionId);
        if (outboxes.remove(sessionId) == null) {
            return false;
        }
        closures.incrementAndGet();
        return true;
    }

    /** A socket closed, by either side; the closes Tyrus makes by itself (1009, an oversized frame) are counted. */
    public void closed(Session session, CloseReason reason) {
        leave(session);
        if (reason.getCloseCode().getCode() == CloseReason.CloseCodes.TOO_BIG.getCode()) {
            metrics.count("circuitbreaker_sockets_closed", "reason", "too_large");
        }
    }

    /** The open sockets on this instance: the visitors waiting here. */
    public int count() {
        return outboxes.size();
    }

    Collection<Outbox> outboxes() {
        return outboxes.values();
    }
    /** A message to every socket of one scope's feed, serialized once. */
    void broadcast(String scope, String text) {
        fanout.send(outboxes.values(), scope, text, this::tooSlow);
    }


    private void tooSlow(Outbox outbox) {
        close(outbox.session(), new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER,
                "too slow: " + Outbox.LIMIT + " messages were waiting unread"), "too_slow");
    }

    private void drop(Session session) {
        metrics.count("circuitbreaker_send_failures");
        close(session, new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "send failed"), "send_failed");
    }

    /** Lets the socket go at once, and closes it off the caller's thread (see {@link SocketClosing}). */
    void close(Session session, CloseReason reason, String why) {
        if (!forget(session.getId())) {
            return; // already on its way out
        }
        closing.later(session, reason, why);
    }
}
