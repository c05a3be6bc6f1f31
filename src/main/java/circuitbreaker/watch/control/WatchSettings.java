package circuitbreaker.watch.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How the main site is watched. A setting that makes no sense stops the deployment with a one-line reason:
 * silently ignoring it would leave a site unwatched that its operator believes is watched.
 */
@ApplicationScoped
public class WatchSettings {

    private URI url;
    private int interval;
    private int timeout;
    private int failures;
    private int successes;

    protected WatchSettings() {
    }

    @Inject
    public WatchSettings(@ConfigProperty(name = "circuit.breaker.watch.url") Optional<String> url,
            @ConfigProperty(name = "circuit.breaker.watch.interval", defaultValue = "5") int interval,
            @ConfigProperty(name = "circuit.breaker.watch.timeout", defaultValue = "3") int timeout,
            @ConfigProperty(name = "circuit.breaker.watch.failures", defaultValue = "3") int failures,
            @ConfigProperty(name = "circuit.breaker.watch.successes", defaultValue = "3") int successes) {
        this.url = url.map(String::strip).filter(u -> !u.isEmpty()).map(WatchSettings::httpUrl).orElse(null);
        this.interval = atLeastOne("CIRCUIT_BREAKER_WATCH_INTERVAL", interval);
        this.timeout = atLeastOne("CIRCUIT_BREAKER_WATCH_TIMEOUT", timeout);
        this.failures = atLeastOne("CIRCUIT_BREAKER_WATCH_FAILURES", failures);
        this.successes = atLeastOne("CIRCUIT_BREAKER_WATCH_SUCCESSES", successes);
    }

    public boolean enabled() {
        return url != null;
    }

    public URI url() {
        return url;
    }

    public int interval() {
        return interval;
    }

    public int timeout() {
        return timeout;
    }

    public int failures() {
        return failures;
    }

    public int successes() {
        return successes;
    }

    private static URI httpUrl(String text) {
        try {
            URI uri = URI.create(text);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new IllegalStateException("CIRCUIT_BREAKER_WATCH_URL must be an http:// or https:// URL, not '"
                + text + "'");
    }

    private static int atLeastOne(String name, int value) {
        if (value < 1) {
            throw new IllegalStateException(name + " must be at least 1, not " + value);
        }
        return value;
    }
}
