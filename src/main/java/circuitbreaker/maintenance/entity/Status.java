package circuitbreaker.maintenance.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** The state as clients see it at one instant: the stored facts plus the derived countdown and phase. */
@JsonbPropertyOrder({"isActive", "message", "currentIssue", "countdown", "startTime", "estimatedCompletion",
        "lastBroadcast", "phase", "cause", "updatedAt", "version"})
public record Status(boolean isActive, String message, String currentIssue, long countdown, long startTime,
        Long estimatedCompletion, long lastBroadcast, String phase, String cause, long updatedAt, long version) {
}
