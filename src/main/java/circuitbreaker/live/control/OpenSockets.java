package circuitbreaker.live.control;

import circuitbreaker.live.entity.SocketMessage;
import circuitbreaker.maintenance.control.MaintenanceStore;
import circuitbreaker.platform.Metrics;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every open socket (a visitor's page), and the fan-out to them: each message is serialized once and handed to the
 * server's broadcast (Tyrus) or queued to every session. A failed, overflowing or misbehaving session is closed and
 * forgotten without touching the others.
 */
@ApplicationScoped
public class OpenSockets {

    private static final System.Logger LOG = System.getLogger(OpenSockets.class.getName());

    @Inject
    Jsonb jsonb;

    @Inject
    MaintenanceStore store;

    @Resource
    ManagedExecutorService executor;

    @Inject
    Metrics metrics;

    /** Messages a client may send per second (twice as many in a burst); beyond that it is closed with 1008. */
    @Inject
    @ConfigProperty(name = "circuit.breaker.socket.messages.per.second", defaultValue = "5")
    double messagesPerSecond;

    private final ConcurrentHashMap<String, Outbox> outboxes = new ConcurrentHashMap<>();
    private final TyrusBroadcast tyrus = new TyrusBroadcast();
    private final AtomicInteger joined = new AtomicInteger();

    @PostConstruct
    void registerGauge() {
        metrics.gauge("circuitbreaker_sockets_open", this::count);
    }

    public void join(Session session) {
        Outbox outbox = new Outbox(session, joined.getAndIncrement(),
                new MessageAllowance(messagesPerSecond, 2 * messagesPerSecond, System.nanoTime()), this::drop);
        outboxes.put(session.getId(), outbox);
        outbox.offer(statusUpdate());
    }

    /** A pong or a message from the client. */
    public void heard(Session session) {
        Outbox outbox = outboxes.get(session.getId());
        if (outbox != null) {
            outbox.heard();
        }
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
        outboxes.remove(session.getId());
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

    /** Answers one socket's requestStatus. */
    public void sendStatus(Session session) {
        Outbox outbox = outboxes.get(session.getId());
        if (outbox != null && !outbox.offer(statusUpdate())) {
            tooSlow(outbox);
        }
    }

    String statusUpdate() {
        return jsonb.toJson(new SocketMessage(SocketMessage.STATUS_UPDATE, store.status()));
    }

    Collection<Outbox> outboxes() {
        return outboxes.values();
    }

    /**
     * A message to every socket. A Tyrus broadcast reaches the sessions of one endpoint (the page's path or the
     * original /ws): one open session of each endpoint hands it on; where the broadcast is not there, each socket's
     * outbox takes it.
     */
    void broadcast(String text) {
        Map<String, Session> oneEach = new HashMap<>();
        for (Outbox outbox : outboxes.values()) {
            if (outbox.session().isOpen()) {
                oneEach.putIfAbsent(outbox.endpoint(), outbox.session());
            }
        }
        for (Map.Entry<String, Session> endpoint : oneEach.entrySet()) {
            if (tyrus.send(endpoint.getValue(), text)) {
                continue;
            }
            for (Outbox outbox : outboxes.values()) {
                if (outbox.endpoint().equals(endpoint.getKey()) && !outbox.offer(text)) {
                    tooSlow(outbox);
                }
            }
        }
    }

    private void tooSlow(Outbox outbox) {
        close(outbox.session(), new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER,
                "too slow: " + Outbox.LIMIT + " messages were waiting unread"), "too_slow");
    }

    private void drop(Session session) {
        metrics.count("circuitbreaker_send_failures");
        close(session, new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "send failed"), "send_failed");
    }

    /** Off the caller's thread: closing writes a frame, and the caller may be the timer or another client's send. */
    void close(Session session, CloseReason reason, String why) {
        if (outboxes.remove(session.getId()) == null) {
            return; // already on its way out
        }
        metrics.count("circuitbreaker_sockets_closed", "reason", why);
        LOG.log(Level.DEBUG, "Closing socket {0}: {1}", session.getId(), reason.getReasonPhrase());
        executor.execute(() -> {
            try {
                session.close(reason);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.DEBUG, "Socket {0} was already gone: {1}", session.getId(), e.toString());
            }
        });
    }
}
