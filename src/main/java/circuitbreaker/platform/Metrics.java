package circuitbreaker.platform;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The application's metrics (MicroProfile Metrics, Prometheus format at the server's metrics endpoint): each
 * capability counts and measures its own, under the circuitbreaker_ prefix. Where the server has no MicroProfile
 * Metrics, every call is a no-op rather than a deployment failure.
 */
@ApplicationScoped
public class Metrics {

    @Inject
    Instance<MetricRegistry> registries;

    private MetricRegistry registry;

    @PostConstruct
    void find() {
        if (registries.isResolvable()) {
            registry = registries.get();
        }
    }

    /** A value read whenever the metrics are scraped. */
    public void gauge(String name, LongSupplier value) {
        if (registry != null) {
            registry.gauge(name, value, LongSupplier::getAsLong);
        }
    }

    /** @param tags pairs of tag name and value, e.g. "reason", "too_slow" */
    public void count(String name, String... tags) {
        if (registry != null) {
            Tag[] named = new Tag[tags.length / 2];
            for (int i = 0; i < named.length; i++) {
                named[i] = new Tag(tags[2 * i], tags[2 * i + 1]);
            }
            registry.counter(name, named).inc();
        }
    }
}
