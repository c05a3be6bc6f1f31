package circuitbreaker.live.control;

import circuitbreaker.platform.Metrics;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.System.Logger.Level;

/** Closes a socket that {@link OpenSockets} has already let go of, with its reason, counted by why. */
@ApplicationScoped
class SocketClosing {

    private static final System.Logger LOG = System.getLogger(SocketClosing.class.getName());

    @Resource
    ManagedExecutorService executor;

    @Inject
    Metrics metrics;

    /** Off the caller's thread: closing writes a frame, and the caller may be the timer or another client's send. */
    void later(Session session, CloseReason reason, String why) {
        metrics.count("circuitbreaker_sockets_closed", "reason", why);
        LOG.log(Level.DEBUG, "Closing socket {0}: {1}", session.getId(), reason.getReasonPhrase());
        executor.execute(() -> now(session, reason));
    }

    static void now(Session session, CloseReason reason) {
        try {
            session.close(reason);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "Socket {0} was already gone: {1}", session.getId(), e.toString());
        }
    }
}
