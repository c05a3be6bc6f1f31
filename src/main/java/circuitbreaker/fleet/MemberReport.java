package circuitbreaker.fleet;

import java.io.Serializable;

/**
 * What a member says of itself in its announcements, besides the state it holds.
 *
 * @param openSockets the visitors' pages waiting on it
 * @param reopeningFrom the reopening its line is for (its start, epoch ms), or 0 when none goes on
 * @param admitted how many of its visitors that reopening let in so far
 */
public record MemberReport(int openSockets, long reopeningFrom, long admitted) implements Serializable {
}
