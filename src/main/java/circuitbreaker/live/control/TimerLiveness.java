package circuitbreaker.live.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Alive while the heartbeat keeps the countdown going out every second: without it every page freezes. */
@Liveness
@ApplicationScoped
public class TimerLiveness implements HealthCheck {

    static final long STALE_MILLIS = 5_000;

    @Inject
    CountdownFeed countdown;

    @Override
    public HealthCheckResponse call() {
        long age = System.currentTimeMillis() - countdown.lastTickAt();
        return HealthCheckResponse.named("countdown-timer").status(age < STALE_MILLIS)
                .withData("lastTickMillisAgo", age).build();
    }
}
