package circuitbreaker.live.control;

import circuitbreaker.platform.Loopback;
import circuitbreaker.platform.Metrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How many sockets may be open at once: on this instance (CIRCUIT_BREAKER_SOCKETS_MAX), and from one client address
 * (CIRCUIT_BREAKER_SOCKETS_PER_ADDRESS), so a reconnect loop or one greedy client cannot take what the other visitors
 * need (memory, file handles). Loopback clients count only in the instance's total: behind a front on the same host
 * every visitor connects from loopback, and the front limits each visitor itself (the shipped nginx file does).
 */
@ApplicationScoped
class SocketQuota {

    private int max;
    private int perAddress;
    private Metrics metrics;
    // Guarded by this.
    private final Map<String, String> addressOf = new HashMap<>();
    private final Map<String, Integer> openFrom = new HashMap<>();

    protected SocketQuota() {
    }

    @Inject
    SocketQuota(@ConfigProperty(name = "circuit.breaker.sockets.max", defaultValue = "16000") int max,
            @ConfigProperty(name = "circuit.breaker.sockets.per.address", defaultValue = "50") int perAddress,
            Metrics metrics) {
        if (max < 1 || perAddress < 1) {
            throw new IllegalStateException("CIRCUIT_BREAKER_SOCKETS_MAX and CIRCUIT_BREAKER_SOCKETS_PER_ADDRESS must "
                    + "be at least 1, not " + max + " and " + perAddress);
        }
        this.max = max;
        this.perAddress = perAddress;
        this.metrics = metrics;
    }

    /** Observing the start-up creates the bean at deployment: a bad setting stops it, not the first visitor. */
    void atStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
    }

    /**
     * Takes a place for a socket that has just opened.
     *
     * @param address the client's address, or null when the server does not say
     * @return null when it may stay; otherwise why it is refused (1013, try again later), counted
     */
    synchronized CloseReason take(String sessionId, String address) {
        String counted = address == null || Loopback.address(address) ? "" : address;
        String refused = addressOf.size() >= max ? "instance"
                : !counted.isEmpty() && openFrom.getOrDefault(counted, 0) >= perAddress ? "address" : null;
        if (refused != null) {
            metrics.count("circuitbreaker_sockets_refused", "limit", refused);
            return new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, refused.equals("instance")
                    ? "too many open sockets here (at most " + max + "): try again later"
                    : "too many open sockets from your address (at most " + perAddress + ")");
        }
        addressOf.put(sessionId, counted);
        openFrom.merge(counted, 1, Integer::sum);
        return null;
    }

    /** Gives back a socket's place; one that never had a place gives back nothing. */
    synchronized void release(String sessionId) {
        String address = addressOf.remove(sessionId);
        if (address != null) {
            openFrom.computeIfPresent(address, (a, n) -> n == 1 ? null : n - 1);
        }
    }
}
