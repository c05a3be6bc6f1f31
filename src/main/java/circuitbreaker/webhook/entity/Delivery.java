package circuitbreaker.webhook.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTransient;

/**
 * One event on its way to one receiver: the same id on every attempt, each attempt signed with its own time.
 *
 * @param timestamp the event's time in seconds; attempts are not signed with it, but a release before signing per
 *     attempt reads it from the journal after a rollback
 * @param status pending, delivered, or failed (no success within the retry period)
 * @param nextAttemptAt epoch ms of the next try while pending
 */
@JsonbPropertyOrder({"id", "url", "type", "timestamp", "status", "attempts", "nextAttemptAt", "lastStatus",
        "lastError", "createdAt", "body"})
public record Delivery(String id, String url, String type, long timestamp, String status, int attempts,
        Long nextAttemptAt, Integer lastStatus, String lastError, long createdAt, String body) {

    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";

    @JsonbTransient
    public boolean pending() {
        return PENDING.equals(status);
    }

    public Delivery attempted(String nextStatus, Long next, Integer httpStatus, String error) {
        return new Delivery(id, url, type, timestamp, nextStatus, attempts + 1, next, httpStatus, error, createdAt,
                body);
    }
}
