package circuitbreaker.live.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.websocket.server.ServerEndpoint;

/**
 * /circuit-breaker/ws/{scope}: the live feed of one scope's page (SPEC §17), every frame naming the scope. A name that
 * is no scope is closed with 1008.
 */
@ApplicationScoped
@ServerEndpoint(value = "/circuit-breaker/ws/{scope}", configurator = SharedEndpoint.class)
public class ScopeSocket extends SocketEndpoint {
}
