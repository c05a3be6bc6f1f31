package circuitbreaker.platform;

/**
 * One beat of the {@link Heartbeat}, as an event.
 *
 * @param number counted from 0 at deployment: lets work done every few seconds, or by turns, pick its beats
 * @param at when the beat fired, epoch ms
 */
public record Second(long number, long at) {
}
