package circuitbreaker.maintenance.entity;

/**
 * Who makes a change: the kind ({@link Cause}, which the watcher and windows test to touch only what they began) and
 * the name every change records as {@code by}: an operator's name ({@code default} for CIRCUIT_BREAKER_TOKEN,
 * {@code loopback} without any token), {@code watcher} or {@code window}.
 */
public record Author(Cause cause, String name) {

    public static final Author WATCHER = new Author(Cause.WATCHER, "watcher");
    public static final Author WINDOW = new Author(Cause.SCHEDULE, "window");

    public static Author operator(String name) {
        return new Author(Cause.OPERATOR, name);
    }

    /** A named operator's update; a deploy's step (circuit-breaker-status deploy) is the deploy's. */
    public static Author of(String name, StatusUpdate update) {
        return new Author(update.deploy() == null ? Cause.OPERATOR : Cause.DEPLOY, name);
    }
}
