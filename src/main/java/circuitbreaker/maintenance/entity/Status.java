package circuitbreaker.maintenance.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The state as clients see it at one instant: the stored facts plus the derived countdown and phase.
 *
 * @param reopening while maintenance is off, the reopening going on or the last one; otherwise null
 * @param admission the waiting room while it is on (admitting only while maintenance is off); null when off
 * @param deploy the step of a deploy the last change was (started, finished, failed), or null
 */
@JsonbPropertyOrder({"isActive", "message", "currentIssue", "countdown", "startTime", "estimatedCompletion",
        "lastBroadcast", "phase", "cause", "updatedAt", "version", "reopening", "admission", "deploy"})
public record Status(boolean isActive, String message, String currentIssue, long countdown, long startTime,
        Long estimatedCompletion, long lastBroadcast, String phase, String cause, long updatedAt, long version,
        ReopeningStatus reopening, AdmissionStatus admission, String deploy) {

    public Status(boolean isActive, String message, String currentIssue, long countdown, long startTime,
            Long estimatedCompletion, long lastBroadcast, String phase, String cause, long updatedAt, long version) {
        this(isActive, message, currentIssue, countdown, startTime, estimatedCompletion, lastBroadcast, phase, cause,
                updatedAt, version, null, null, null);
    }
}
