package circuitbreaker.platform;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;

/**
 * The heartbeat's beat where the server has EJB: a singleton's non-persistent timer every second, as the design names
 * it. Under load the container skips a tick rather than piling them up, which is what a countdown wants. Where EJB is
 * absent this class is left out (beans.xml) and never runs; {@link HeartbeatChoice} then lets the scheduler beat.
 */
@Singleton
public class EjbHeartbeat {

    @Inject
    Heartbeat heartbeat;

    @Schedule(second = "*", minute = "*", hour = "*", persistent = false, info = "circuit-breaker heartbeat")
    void tick() {
        heartbeat.beat();
    }
}
