package circuitbreaker.maintenance.control;

import circuitbreaker.maintenance.entity.StateFileHealth;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready to take updates only while the state file can be written: an update that cannot be saved is refused. */
@Readiness
@ApplicationScoped
public class StateFileReadiness implements HealthCheck {

    @Inject
    StateFile stateFile;

    @Override
    public HealthCheckResponse call() {
        StateFileHealth health = stateFile.health();
        var response = HealthCheckResponse.named("state-file").status(health.writable() && health.lastError() == null)
                .withData("path", health.path()).withData("writable", health.writable());
        if (health.lastError() != null) {
            response.withData("lastError", health.lastError());
        }
        return response.build();
    }
}
