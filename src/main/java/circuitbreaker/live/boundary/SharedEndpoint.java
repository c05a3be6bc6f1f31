package circuitbreaker.live.boundary;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Hands every connection the same CDI-managed endpoint instead of a new injected instance per connection: the
 * endpoint keeps no per-connection state, and on Payara creating an injected endpoint takes a lock on the bean
 * manager and re-reads the class's annotations, which serialised every handshake when thousands of pages
 * reconnected at once.
 */
public class SharedEndpoint extends ServerEndpointConfig.Configurator {

    private volatile Object endpoint;

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) {
        Object shared = endpoint;
        if (!endpointClass.isInstance(shared)) {
            shared = CDI.current().select(endpointClass).get();
            endpoint = shared;
        }
        return endpointClass.cast(shared);
    }
}
