package circuitbreaker.maintenance.control;

import circuitbreaker.platform.Metrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The state as monitoring sees it: whether maintenance is on, the seconds left, the visitors waiting to be let in (in
 * a reopening, or in admission mode) and admission mode's rate (0: off).
 */
@ApplicationScoped
public class StateGauges {

    @Inject
    MaintenanceStore store;

    @Inject
    Metrics metrics;

    @Inject
    ScopeBook scopes;

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        metrics.gauge("circuitbreaker_maintenance_active", () -> store.current().isActive() ? 1 : 0);
        metrics.gauge("circuitbreaker_seconds_remaining", () -> store.current().countdownAt(store.now()));
        metrics.gauge("circuitbreaker_reopening_waiting",
                () -> store.current().reopeningAt(store.now()) ? store.reopeningProgress().waiting() : 0);
        metrics.gauge("circuitbreaker_admission_waiting",
                () -> store.current().admittingAt(store.now()) ? store.reopeningProgress().waiting() : 0);
        metrics.gauge("circuitbreaker_admission_per_minute",
                () -> store.current().admission() == null ? 0 : store.current().admission().perMinute());
        for (String scope : scopes.names()) { // every scope, the site among them: one series each
            metrics.gauge("circuitbreaker_scope_maintenance_active", () -> store.current(scope).isActive() ? 1 : 0,
                    "scope", scope);
            metrics.gauge("circuitbreaker_scope_seconds_remaining", () -> store.current(scope).countdownAt(store.now()),
                    "scope", scope);
        }
    }
}
