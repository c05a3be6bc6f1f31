package circuitbreaker.monitoring.control;

import circuitbreaker.maintenance.control.MaintenanceStore;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.function.IntSupplier;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The application's MicroProfile Metrics (Prometheus format at the server's metrics endpoint). Where the server has
 * no MicroProfile Metrics, every call is a no-op rather than a deployment failure.
 */
@ApplicationScoped
public class ServiceMetrics {

    @Inject
    Instance<MetricRegistry> registries;

    @Inject
    MaintenanceStore store;

    private MetricRegistry registry;

    @PostConstruct
    void register() {
        if (registries.isResolvable()) {
            registry = registries.get();
            registry.gauge("circuitbreaker_maintenance_active", store, s -> s.current().isActive() ? 1 : 0);
            registry.gauge("circuitbreaker_seconds_remaining", store, s -> s.current().countdownAt(s.now()));
        }
    }

    /** Registered by the socket registry, which knows the count. */
    public void socketsOpen(IntSupplier count) {
        if (registry != null) {
            registry.gauge("circuitbreaker_sockets_open", count, IntSupplier::getAsInt);
        }
    }

    public void updateAccepted() {
        count("circuitbreaker_updates_accepted");
    }

    /** @param reason invalid, unauthorized, forbidden, too_large, unsupported_type, save_failed, other */
    public void updateRejected(String reason) {
        count("circuitbreaker_updates_rejected", new Tag("reason", reason));
    }

    public void broadcast(String type) {
        count("circuitbreaker_broadcasts", new Tag("type", type));
    }

    public void sendFailed() {
        count("circuitbreaker_send_failures");
    }

    /** Registered by the watcher, which knows the count. */
    public void watcherFailures(IntSupplier failuresInRow) {
        if (registry != null) {
            registry.gauge("circuitbreaker_watcher_failures_in_row", failuresInRow, IntSupplier::getAsInt);
        }
    }

    /** Registered by the webhook courier, which knows the count. */
    public void webhooksPending(IntSupplier pending) {
        if (registry != null) {
            registry.gauge("circuitbreaker_webhooks_pending", pending, IntSupplier::getAsInt);
        }
    }

    /** @param outcome delivered, failed (no success within the retry period) */
    public void webhook(String outcome) {
        count("circuitbreaker_webhooks", new Tag("outcome", outcome));
    }

    /** @param move tripped, recovered */
    public void breakerMoved(String move) {
        count("circuitbreaker_breaker_moves", new Tag("move", move));
    }

    /** @param reason too_many_messages, too_large, not_understood, too_slow, silent, send_failed */
    public void socketClosed(String reason) {
        count("circuitbreaker_sockets_closed", new Tag("reason", reason));
    }

    public void pageView() {
        count("circuitbreaker_page_views");
    }

    private void count(String name, Tag... tags) {
        if (registry != null) {
            registry.counter(name, tags).inc();
        }
    }
}
