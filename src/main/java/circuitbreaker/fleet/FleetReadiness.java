package circuitbreaker.fleet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while a starting cluster member still waits for the fleet's state: it would serve an older one. */
@Readiness
@ApplicationScoped
public class FleetReadiness implements HealthCheck {

    @Inject
    Fleet fleet;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("cluster").status(fleet.inStep()).withData("enabled", fleet.enabled()).build();
    }
}
