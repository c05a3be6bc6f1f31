package circuitbreaker.maintenance.entity;

/**
 * The CDI event of a new state.
 *
 * @param scope whose state it is: {@link Scope#SITE} for the whole site
 * @param before the state it replaced
 * @param local true when this instance accepted the update; false when it came from another cluster member
 */
public record StateChanged(String scope, MaintenanceState before, MaintenanceState state, boolean local) {

    public boolean ofSite() {
        return Scope.SITE.equals(scope);
    }
}
