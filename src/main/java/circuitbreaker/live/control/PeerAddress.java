package circuitbreaker.live.control;

import jakarta.websocket.Session;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;

/**
 * The address a socket's client connects from. Jakarta WebSocket has no call for it: Jetty and Undertow put it in the
 * session's user properties, Tyrus (Payara, GlassFish) has {@code getRemoteAddr()} on its session class, found by
 * reflection so the WAR needs no Tyrus to compile or run. Null where the server says neither.
 */
final class PeerAddress {

    static final String PROPERTY = "jakarta.websocket.endpoint.remoteAddress";

    private PeerAddress() {
    }

    static String of(Session session) {
        Object property = session.getUserProperties().get(PROPERTY);
        if (property instanceof InetSocketAddress address && address.getAddress() != null) {
            return address.getAddress().getHostAddress();
        }
        try {
            Method method = session.getClass().getMethod("getRemoteAddr");
            return method.invoke(session) instanceof String address && !address.isBlank() ? address : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
