package circuitbreaker.live.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.websocket.server.ServerEndpoint;

/** /ws on the breaker's own port: the feed at the path of the original service, for the pages and clients it had. */
@ApplicationScoped
@ServerEndpoint(value = "/ws", configurator = SharedEndpoint.class)
public class StatusSocket extends SocketEndpoint {
}
