package circuitbreaker.platform;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.function.LongSupplier;

/**
 * The application's metrics (MicroProfile Metrics, Prometheus format at the server's metrics endpoint): each
 * capability counts and measures its own, under the circuitbreaker_ prefix. Where the server has no MicroProfile
 * Metrics (WildFly moved to Micrometer and Telemetry), every call is a no-op rather than a deployment failure: this
 * class names no MicroProfile Metrics type, so it loads everywhere; {@link MicroProfileMetrics} does, and beans.xml
 * leaves it out where the server has none.
 */
@ApplicationScoped
public class Metrics {

    /** Where counts and gauges go. */
    interface Sink {
        boolean kept();

        void gauge(String name, LongSupplier value, String... tags);

        void count(String name, String... tags);
    }

    @Inject
    Instance<Sink> sinks;

    private Sink sink; // null: the metrics go nowhere

    @PostConstruct
    void find() {
        if (sinks.isResolvable() && sinks.get().kept()) {
            sink = sinks.get();
        }
    }

    /** Whether the server keeps the metrics (false: they go nowhere). */
    public boolean kept() {
        return sink != null;
    }

    /**
     * A value read whenever the metrics are scraped.
     *
     * @param tags pairs of tag name and value, e.g. "scope", "checkout"
     */
    public void gauge(String name, LongSupplier value, String... tags) {
        if (sink != null) {
            sink.gauge(name, value, tags);
        }
    }

    /** @param tags pairs of tag name and value, e.g. "reason", "too_slow" */
    public void count(String name, String... tags) {
        if (sink != null) {
            sink.count(name, tags);
        }
    }
}
