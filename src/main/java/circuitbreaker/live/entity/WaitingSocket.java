package circuitbreaker.live.entity;

/**
 * An open socket as the reopening's line sees it: who, and since when it waits here.
 *
 * @param order when it joined, counted on this instance from 0
 */
public record WaitingSocket(String sessionId, long order) {
}
