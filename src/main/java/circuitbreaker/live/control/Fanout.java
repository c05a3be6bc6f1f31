package circuitbreaker.live.control;

import jakarta.websocket.Session;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Hands one text to every open socket. A Tyrus broadcast (Payara, GlassFish) frames it once and reaches the sessions of
 * one endpoint (the page's path or the original /ws): one open session of each endpoint hands it on. Where the
 * broadcast is not there, each socket's outbox takes it, and one too far behind is named to the caller.
 */
final class Fanout {

    private final TyrusBroadcast tyrus = new TyrusBroadcast();

    void send(Collection<Outbox> outboxes, String text, Consumer<Outbox> tooSlow) {
        Map<String, Session> oneEach = new HashMap<>();
        for (Outbox outbox : outboxes) {
            if (outbox.session().isOpen()) {
                oneEach.putIfAbsent(outbox.endpoint(), outbox.session());
            }
        }
        for (Map.Entry<String, Session> endpoint : oneEach.entrySet()) {
            if (tyrus.send(endpoint.getValue(), text)) {
                continue;
            }
            for (Outbox outbox : outboxes) {
                if (outbox.endpoint().equals(endpoint.getKey()) && !outbox.offer(text)) {
                    tooSlow.accept(outbox);
                }
            }
        }
    }
}
