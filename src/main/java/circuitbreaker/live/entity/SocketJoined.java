package circuitbreaker.live.entity;

/**
 * The CDI event of a visitor's page that has just connected.
 *
 * @param order when it joined, counted on this instance from 0: the order in which visitors started waiting here
 */
public record SocketJoined(String sessionId, long order) {
}
