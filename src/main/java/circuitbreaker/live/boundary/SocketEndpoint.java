package circuitbreaker.live.boundary;

import circuitbreaker.live.control.CountdownFeed;
import circuitbreaker.live.control.OpenSockets;
import circuitbreaker.maintenance.control.ScopeBook;
import circuitbreaker.maintenance.entity.Scope;
import circuitbreaker.live.entity.SocketMessage;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;

/**
 * The live feed of the maintenance page, the same at each of its paths ({@link PageSocket}, {@link StatusSocket}).
 * Clients may only ask for the status again. One instance per path serves every connection (see
 * {@link SharedEndpoint}); all state lives in {@link OpenSockets}.
 */
public abstract class SocketEndpoint {

    static final int MAX_INCOMING = 1024;
    static final String EXPECTED = "expected {\"type\":\"requestStatus\"}";

    @Inject
    OpenSockets sockets;

    @Inject
    CountdownFeed feed;

    @Inject
    ScopeBook scopes;

    @OnOpen
    public void open(Session session) throws IOException {
        // Liveness is the ping deadline of SocketPulse. An idle timeout would also make Tyrus reschedule a timer
        // task on every single send, which the profile showed as most of the cost of a fan-out.
        session.setMaxIdleTimeout(0);
        if (scopes.find(scope(session)).isEmpty()) {
            session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "no such scope"));
            return;
        }
        sockets.join(session);
    }

    /** Whose feed the socket follows: the path's scope, or the whole site's. */
    static String scope(Session session) {
        return session.getPathParameters().getOrDefault("scope", Scope.SITE);
    }

    /** Frames over this size are closed by the server with 1009 before they reach the endpoint. */
    @OnMessage(maxMessageSize = MAX_INCOMING)
    public void text(Session session, String frame) {
        if (!sockets.received(session)) {
            return; // over its allowance: being closed with 1008, nothing is parsed
        }
        if (isStatusRequest(frame)) {
            feed.statusTo(session.getId(), scope(session));
        } else {
            sockets.refuse(session, "unknown message: " + EXPECTED);
        }
    }

    @OnMessage(maxMessageSize = MAX_INCOMING)
    public void binary(Session session, ByteBuffer frame) {
        if (sockets.received(session)) {
            sockets.refuse(session, "binary frames are not accepted: " + EXPECTED);
        }
    }

    @OnMessage
    public void pong(Session session, PongMessage pong) {
        sockets.heard(session);
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        sockets.closed(session, reason);
    }

    @OnError
    public void error(Session session, Throwable error) {
        sockets.leave(session);
    }

    static boolean isStatusRequest(String frame) {
        try (var reader = Json.createReader(new StringReader(frame))) {
            JsonValue value = reader.readValue();
            return value instanceof JsonObject message
                    && message.get("type") instanceof JsonString type
                    && SocketMessage.REQUEST_STATUS.equals(type.getString());
        } catch (RuntimeException e) {
            return false;
        }
    }
}
