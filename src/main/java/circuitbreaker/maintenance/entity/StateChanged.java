package circuitbreaker.maintenance.entity;

/**
 * The CDI event of a new state.
 *
 * @param before the state it replaced
 * @param local true when this instance accepted the update; false when it came from another cluster member
 */
public record StateChanged(MaintenanceState before, MaintenanceState state, boolean local) {
}
