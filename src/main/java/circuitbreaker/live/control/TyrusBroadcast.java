package circuitbreaker.live.control;

import jakarta.websocket.Session;
import java.lang.System.Logger.Level;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Tyrus (the WebSocket implementation of Payara and GlassFish) can broadcast a text to every open session of an
 * endpoint: it frames the message once and writes it to each connection, without the per-send bookkeeping of
 * {@code getAsyncRemote().sendText}, which on Payara costs a scheduled-task submission per session and made the
 * fan-out the bottleneck. Found by reflection on the session's own class, so the WAR needs no Tyrus at compile
 * time and still runs on servers without it (they take the portable path).
 */
final class TyrusBroadcast {

    private static final System.Logger LOG = System.getLogger(TyrusBroadcast.class.getName());

    private volatile Method broadcast;
    private volatile boolean unavailable;

    /** Broadcasts through the session's endpoint; false when this server's sessions cannot. */
    boolean send(Session anyOpenSession, String text) {
        if (unavailable) {
            return false;
        }
        try {
            Method method = broadcast;
            if (method == null) {
                method = anyOpenSession.getClass().getMethod("broadcast", String.class);
                broadcast = method;
                LOG.log(Level.INFO, "Fan-out uses {0}.broadcast", anyOpenSession.getClass().getName());
            }
            method.invoke(anyOpenSession, text);
            return true;
        } catch (InvocationTargetException e) {
            // The broadcast exists but failed this time (a session closing under it): this message goes the
            // portable way, the next one tries the broadcast again.
            LOG.log(Level.DEBUG, "Tyrus broadcast failed once: {0}", e.getCause());
            return false;
        } catch (ReflectiveOperationException | RuntimeException e) {
            unavailable = true;
            LOG.log(Level.INFO, "No Tyrus broadcast here ({0}); fanning out session by session", e.toString());
            return false;
        }
    }
}
