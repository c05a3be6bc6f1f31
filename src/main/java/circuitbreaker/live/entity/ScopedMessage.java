package circuitbreaker.live.entity;

import circuitbreaker.maintenance.entity.Scope;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * One text frame on a scope's feed, /circuit-breaker/ws/{scope}: a {@link SocketMessage} that names its scope. The whole
 * site's feed keeps its frames as they always were.
 */
@JsonbPropertyOrder({"type", "scope", "data"})
public record ScopedMessage(String type, String scope, Object data) {

    /** The frame for this scope's feed: the site's own shape for the site. */
    public static Object of(String scope, String type, Object data) {
        return Scope.SITE.equals(scope) ? new SocketMessage(type, data) : new ScopedMessage(type, scope, data);
    }
}
