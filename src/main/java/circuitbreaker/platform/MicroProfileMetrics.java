package circuitbreaker.platform;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * {@link Metrics} on a server with MicroProfile Metrics: its application registry. A bean only where the API is
 * there (WEB-INF/beans.xml); injected, not looked up, because Payara's registry producer reads the injection point.
 */
@ApplicationScoped
class MicroProfileMetrics implements Metrics.Sink {

    @Inject
    Instance<MetricRegistry> registries;

    private MetricRegistry registry; // null: the API is there, the registry is not

    @PostConstruct
    void find() {
        if (registries.isResolvable()) {
            registry = registries.get();
        }
    }

    @Override
    public boolean kept() {
        return registry != null;
    }

    @Override
    public void gauge(String name, LongSupplier value, String... tags) {
        registry.gauge(name, value, LongSupplier::getAsLong, named(tags));
    }

    @Override
    public void count(String name, String... tags) {
        registry.counter(name, named(tags)).inc();
    }

    private static Tag[] named(String... tags) {
        Tag[] named = new Tag[tags.length / 2];
        for (int i = 0; i < named.length; i++) {
            named[i] = new Tag(tags[2 * i], tags[2 * i + 1]);
        }
        return named;
    }
}
