package circuitbreaker.schedule.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.io.Serializable;

/**
 * A planned maintenance window: its first (or only) start and end, what visitors read during it, and an optional
 * calendar rule that repeats it.
 */
@JsonbPropertyOrder({"id", "start", "end", "message", "currentIssue", "recurrence", "createdAt"})
public record Window(String id, long start, long end, String message, String currentIssue, Recurrence recurrence,
        long createdAt) implements Serializable {
}
