package circuitbreaker.maintenance.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.io.Serializable;

/**
 * The waiting room of a site that is up but overloaded (SPEC §20): new visitors are let in at a rate, in the order
 * they came, and keep their access while they are active.
 *
 * @param since when it was turned on (epoch ms); it also names it, so an admission from before counts for nothing
 * @param perMinute how many new visitors the fleet lets in per minute
 * @param idleSeconds after how long without a request an admitted visitor must queue again
 * @param by who turned it on or last changed it ({@link Cause#key()}): the watcher ends only what it turned on
 */
@JsonbPropertyOrder({"since", "perMinute", "idleSeconds", "by"})
public record AdmissionMode(long since, int perMinute, long idleSeconds, String by) implements Serializable {

    public static final int MAX_PER_MINUTE = 600_000;
    public static final long DEFAULT_IDLE_SECONDS = 300;
    public static final long MAX_IDLE_SECONDS = 86_400;
}
