package circuitbreaker.maintenance.entity;

/**
 * The CDI event of a new state.
 *
 * @param local true when this instance accepted the update; false when it came from another cluster member
 */
public record StateChanged(MaintenanceState state, boolean local) {
}
