package circuitbreaker.live.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.websocket.server.ServerEndpoint;

/** /circuit-breaker/ws: the page's live feed, under the breaker's own prefix so that a site's own /ws keeps working. */
@ApplicationScoped
@ServerEndpoint(value = "/circuit-breaker/ws", configurator = SharedEndpoint.class)
public class PageSocket extends SocketEndpoint {
}
