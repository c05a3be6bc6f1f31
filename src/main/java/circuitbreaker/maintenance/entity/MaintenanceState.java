package circuitbreaker.maintenance.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.io.Serializable;

/**
 * The maintenance state as it is kept on disk: absolute times only, so a countdown survives restarts.
 *
 * @param version grows by one with every accepted update; across a cluster the higher version wins
 * @param cause who made the last change ({@link Cause#key()}); files written before it existed read as "operator"
 */
@JsonbPropertyOrder({"isActive", "message", "currentIssue", "startTime", "estimatedCompletion", "updatedAt", "version",
        "cause"})
public record MaintenanceState(boolean isActive, String message, String currentIssue, long startTime,
        Long estimatedCompletion, long updatedAt, long version, String cause) implements Serializable {

    public MaintenanceState {
        cause = cause == null ? Cause.OPERATOR.key() : cause;
    }

    public static final String DEFAULT_MESSAGE =
            "We are carrying out maintenance to make things better. We will be back soon.";
    public static final String DEFAULT_ISSUE = "Scheduled maintenance";

    /**
     * What a service with no state file starts with: maintenance off, so installing the breaker in front of a live
     * site never closes it. The texts are what the first POST that only says "on" shows.
     */
    public static MaintenanceState initial(long now) {
        return new MaintenanceState(false, DEFAULT_MESSAGE, DEFAULT_ISSUE, now, null, now, 0, null);
    }

    public MaintenanceState apply(StatusUpdate update, long now, Cause by) {
        boolean active = update.isActive() == null || update.isActive();
        return new MaintenanceState(
                active,
                update.message() == null ? message : update.message(),
                update.currentIssue() == null ? currentIssue : update.currentIssue(),
                active && !isActive ? now : startTime,
                update.end() == null ? estimatedCompletion : update.end().epochMillis(),
                now,
                version + 1,
                by.key());
    }

    public boolean causedBy(Cause by) {
        return cause.equals(by.key());
    }

    /** Maintenance is on, and the last change was this one's: the watcher and windows close only such. */
    public boolean openedBy(Cause by) {
        return isActive && causedBy(by);
    }

    /**
     * Which of two states a cluster keeps: the higher version, then the later update, then (only for two different
     * updates made in the same millisecond on two instances) an arbitrary but everywhere-identical order.
     */
    public boolean isNewerThan(MaintenanceState other) {
        if (version != other.version) {
            return version > other.version;
        }
        if (updatedAt != other.updatedAt) {
            return updatedAt > other.updatedAt;
        }
        return !equals(other) && toString().compareTo(other.toString()) > 0;
    }

    /** Whole seconds left at {@code now}, rounded up so "0" means the end has really come; never negative. */
    public long countdownAt(long now) {
        if (estimatedCompletion == null || estimatedCompletion <= now) {
            return 0;
        }
        return (estimatedCompletion - now + 999) / 1000;
    }

    public Phase phaseAt(long now) {
        return Phase.of(isActive, estimatedCompletion, countdownAt(now));
    }

    public Status at(long now, long lastBroadcast) {
        return new Status(isActive, message, currentIssue, countdownAt(now), startTime, estimatedCompletion,
                lastBroadcast, phaseAt(now).key(), cause, updatedAt, version);
    }
}
