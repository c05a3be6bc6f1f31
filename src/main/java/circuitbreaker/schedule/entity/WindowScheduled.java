package circuitbreaker.schedule.entity;

/** The CDI event of a window planned on this instance (a window heard from another member was told there). */
public record WindowScheduled(Window window) {
}
