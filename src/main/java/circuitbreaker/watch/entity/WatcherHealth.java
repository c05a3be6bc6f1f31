package circuitbreaker.watch.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * What /health says about the watcher.
 *
 * @param watching whether this instance probes (in a cluster exactly one member does)
 * @param breaker "open" while the watcher's trip is in force, otherwise "closed"
 * @param lastCheck when this instance last probed (epoch ms), or null
 * @param lastError why the last probe failed, or null when it succeeded
 */
@JsonbPropertyOrder({"enabled", "url", "watching", "breaker", "failuresInRow", "successesInRow", "lastCheck",
        "lastError"})
public record WatcherHealth(boolean enabled, String url, boolean watching, String breaker, int failuresInRow,
        int successesInRow, Long lastCheck, String lastError) {
}
