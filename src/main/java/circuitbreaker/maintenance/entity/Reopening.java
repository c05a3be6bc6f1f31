package circuitbreaker.maintenance.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.io.Serializable;

/**
 * The half-open state that follows a maintenance: from when to when the visitors who waited are let back, and, once
 * it has ended, how many the fleet let in.
 *
 * @param from when it began (epoch ms); it also names this reopening, so an admission for another one counts for nothing
 * @param until when every visitor is in (epoch ms): an even rate up to then; the actual end once it has ended
 * @param admitted null while it goes on; then the visitors the fleet let in by their turn
 */
@JsonbPropertyOrder({"from", "until", "admitted"})
public record Reopening(long from, long until, Long admitted) implements Serializable {

    /** The longest a reopening may last: an hour. */
    public static final long MAX_SECONDS = 3600;

    /** CIRCUIT_BREAKER_REOPEN_SECONDS, the length of a reopening when an update does not say, if it is one. */
    public static long checkedDefault(long seconds) {
        if (seconds < 0 || seconds > MAX_SECONDS) {
            throw new IllegalStateException("CIRCUIT_BREAKER_REOPEN_SECONDS must be from 0 to " + MAX_SECONDS
                    + ", not " + seconds);
        }
        return seconds;
    }

    public boolean inProgressAt(long now) {
        return admitted == null && now < until;
    }

    /** Whether it is due to be recorded as ended: its time is up, and nobody recorded it yet. */
    public boolean dueAt(long now) {
        return admitted == null && now >= until;
    }
}
