package circuitbreaker.reopen.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * A waiting visitor's place in the reopening, sent to its page when the reopening begins (or when it arrives
 * during one), and again if the reopening's end moves.
 *
 * @param place its number in line on this instance, from 1
 * @param of how many wait in line here
 * @param at about when its turn comes (epoch ms), at the line's pace when it was told; at the latest the end
 * @param until when everyone is in
 * @param serverTime the breaker's clock when it was sent, so the page can correct for its own
 */
@JsonbPropertyOrder({"place", "of", "at", "until", "serverTime"})
public record Place(int place, int of, long at, long until, long serverTime) {
}
