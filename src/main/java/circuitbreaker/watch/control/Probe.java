package circuitbreaker.watch.control;

import java.net.URI;

/**
 * One watched URL and the scope it trips: the whole site's CIRCUIT_BREAKER_WATCH_URL, or a scope's watchUrl. Each
 * counts its own answers in a row, so one application's outage trips its scope alone.
 */
final class Probe {

    final String scope;
    final URI url;
    final Breaker breaker;
    volatile Long lastCheck;
    volatile String lastError;

    Probe(String scope, URI url, WatchSettings settings) {
        this.scope = scope;
        this.url = url;
        this.breaker = new Breaker(settings.failures(), settings.successes());
    }
}
