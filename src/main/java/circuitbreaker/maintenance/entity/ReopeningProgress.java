package circuitbreaker.maintenance.entity;

/** How far this instance's visitors are with the reopening going on: let in, and still waiting. */
public record ReopeningProgress(long admitted, long waiting) {

    public static final ReopeningProgress NONE = new ReopeningProgress(0, 0);
}
