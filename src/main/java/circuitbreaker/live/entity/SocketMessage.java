package circuitbreaker.live.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** One text frame on /ws: {"type": ..., "data": ...}. */
@JsonbPropertyOrder({"type", "data"})
public record SocketMessage(String type, Object data) {

    public static final String STATUS_UPDATE = "statusUpdate";
    public static final String COUNTDOWN_UPDATE = "countdownUpdate";
    public static final String REQUEST_STATUS = "requestStatus";
    /** During a reopening: a waiting visitor's place in line, and when its turn comes. */
    public static final String PLACE = "place";
    /** During a reopening: a waiting visitor's turn, with the cookie that lets it through the gate. */
    public static final String ADMITTED = "admitted";
}
