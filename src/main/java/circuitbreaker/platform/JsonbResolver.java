package circuitbreaker.platform;

import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/** Lets JAX-RS write responses with the application's JSON-B instance instead of a default one. */
@Provider
public class JsonbResolver implements ContextResolver<Jsonb> {

    @Inject
    Jsonb jsonb;

    @Override
    public Jsonb getContext(Class<?> type) {
        return jsonb;
    }
}
