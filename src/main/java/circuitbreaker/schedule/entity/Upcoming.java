package circuitbreaker.schedule.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** What the main site's banner needs of a coming window: when, and what visitors will read. */
@JsonbPropertyOrder({"start", "end", "message", "currentIssue"})
public record Upcoming(long start, long end, String message, String currentIssue) {
}
