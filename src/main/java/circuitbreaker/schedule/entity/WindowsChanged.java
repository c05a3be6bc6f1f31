package circuitbreaker.schedule.entity;

/** The CDI event of a new window book; local is false when it came from another cluster member. */
public record WindowsChanged(WindowBook book, boolean local) {
}
