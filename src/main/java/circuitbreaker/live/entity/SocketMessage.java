package circuitbreaker.live.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** One text frame on /ws: {"type": ..., "data": ...}. */
@JsonbPropertyOrder({"type", "data"})
public record SocketMessage(String type, Object data) {

    public static final String STATUS_UPDATE = "statusUpdate";
    public static final String COUNTDOWN_UPDATE = "countdownUpdate";
    public static final String REQUEST_STATUS = "requestStatus";
}
