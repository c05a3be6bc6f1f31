package circuitbreaker.schedule.entity;

/** The CDI event of a window cancelled on this instance. */
public record WindowCancelled(Window window) {
}
