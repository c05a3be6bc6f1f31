package circuitbreaker.live.control;

import jakarta.websocket.Session;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Hands one text to every socket given. A Tyrus broadcast (Payara, GlassFish) frames it once and reaches the sessions of
 * one endpoint (the page's path or the original /ws): one open session of each endpoint hands it on. The scopes' feeds
 * share one endpoint, so theirs go socket by socket, as everything does where the broadcast is not there: each
 * socket's outbox takes it, and one too far behind is named to the caller.
 */
final class Fanout {

    private final TyrusBroadcast tyrus = new TyrusBroadcast();

    /** @param scope only the sockets that follow this scope's feed get it */
    void send(Collection<Outbox> all, String scope, String text, Consumer<Outbox> tooSlow) {
        List<Outbox> outboxes = all.stream().filter(o -> o.scope().equals(scope)).toList();
        Map<String, Session> oneEach = new HashMap<>();
        for (Outbox outbox : outboxes) {
            if (outbox.session().isOpen()) {
                oneEach.putIfAbsent(outbox.endpoint(), outbox.session());
            }
        }
        for (Map.Entry<String, Session> endpoint : oneEach.entrySet()) {
            if (!endpoint.getValue().getPathParameters().containsKey("scope") && tyrus.send(endpoint.getValue(), text)) {
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
