package circuitbreaker.monitoring.control;

import circuitbreaker.live.control.Subscribers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Alive while the one-second countdown timer keeps ticking: without it every page freezes. */
@Liveness
@ApplicationScoped
public class TimerLiveness implements HealthCheck {

    static final long STALE_MILLIS = 5_000;

    @Inject
    Subscribers subscribers;

    @Override
    public HealthCheckResponse call() {
        long age = System.currentTimeMillis() - subscribers.lastTickAt();
        return HealthCheckResponse.named("countdown-timer").status(age < STALE_MILLIS)
                .withData("lastTickMillisAgo", age).build();
    }
}
