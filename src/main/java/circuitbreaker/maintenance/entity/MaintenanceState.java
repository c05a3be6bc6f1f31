package circuitbreaker.maintenance.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The maintenance state as it is kept on disk: absolute times only, so a countdown survives restarts.
 *
 * @param version grows by one with every accepted update; the newer state has the higher version
 */
@JsonbPropertyOrder({"isActive", "message", "currentIssue", "startTime", "estimatedCompletion", "updatedAt", "version"})
public record MaintenanceState(boolean isActive, String message, String currentIssue, long startTime,
        Long estimatedCompletion, long updatedAt, long version) {

    public static final String DEFAULT_MESSAGE =
            "We are carrying out maintenance to make things better. We will be back soon.";
    public static final String DEFAULT_ISSUE = "Scheduled maintenance";

    /** What a service with no state file starts with: maintenance on, no end known. */
    public static MaintenanceState initial(long now) {
        return new MaintenanceState(true, DEFAULT_MESSAGE, DEFAULT_ISSUE, now, null, now, 0);
    }

    public MaintenanceState apply(StatusUpdate update, long now) {
        boolean active = update.isActive() == null || update.isActive();
        return new MaintenanceState(
                active,
                update.message() == null ? message : update.message(),
                update.currentIssue() == null ? currentIssue : update.currentIssue(),
                active && !isActive ? now : startTime,
                update.end() == null ? estimatedCompletion : update.end().epochMillis(),
                now,
                version + 1);
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
                lastBroadcast, phaseAt(now).key(), updatedAt, version);
    }
}
