package circuitbreaker.platform;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** JAX-RS at the root, because /api/... is the original service's path (/health, beside it, is a servlet). */
@ApplicationPath("/")
public class RestApplication extends Application {
}
