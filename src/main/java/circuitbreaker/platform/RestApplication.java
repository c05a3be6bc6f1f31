package circuitbreaker.platform;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** JAX-RS at the root, because /health and /api/... are the original service's paths. */
@ApplicationPath("/")
public class RestApplication extends Application {
}
