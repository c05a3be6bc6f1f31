package circuitbreaker.maintenance.control;

import circuitbreaker.platform.Metrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** The state as monitoring sees it: whether maintenance is on, the seconds left, the visitors waiting to be let in. */
@ApplicationScoped
public class StateGauges {

    @Inject
    MaintenanceStore store;

    @Inject
    Metrics metrics;

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        metrics.gauge("circuitbreaker_maintenance_active", () -> store.current().isActive() ? 1 : 0);
        metrics.gauge("circuitbreaker_seconds_remaining", () -> store.current().countdownAt(store.now()));
        metrics.gauge("circuitbreaker_reopening_waiting", () -> store.reopeningProgress().waiting());
    }
}
