package circuitbreaker.live.control;

import circuitbreaker.platform.FailsAlone;
import circuitbreaker.platform.Second;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Pings every socket twice per timeout; whoever stayed silent through a whole timeout is not reading and is dropped
 * before its backlog grows. Each second takes its own share of the sockets: on Payara every ping sent and every pong
 * received costs a context-capturing task submission inside Tyrus, and pinging everyone in the same second stalled
 * the countdown.
 */
@ApplicationScoped
public class SocketPulse {

    private static final ByteBuffer PING = ByteBuffer.wrap("cb".getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();

    @Inject
    OpenSockets sockets;

    /** A client that answers no ping for this long is not reading. */
    @Inject
    @ConfigProperty(name = "circuit.breaker.socket.timeout", defaultValue = "60")
    long timeoutSeconds;

    @FailsAlone
    void second(@ObservesAsync Second second) {
        int period = (int) Math.max(1, timeoutSeconds / 2);
        long share = second.number() % period;
        long timeout = TimeUnit.SECONDS.toNanos(timeoutSeconds);
        for (Outbox outbox : sockets.outboxes()) {
            if (Math.floorMod(outbox.order(), period) != share) {
                continue;
            }
            if (outbox.silentFor(timeout)) {
                sockets.close(outbox.session(), new CloseReason(CloseReason.CloseCodes.GOING_AWAY,
                        "no answer to pings for " + timeoutSeconds + " s"), "silent");
            } else {
                outbox.ping(PING);
            }
        }
    }
}
