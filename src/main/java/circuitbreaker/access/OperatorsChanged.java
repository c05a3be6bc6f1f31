package circuitbreaker.access;

/**
 * The operators this member follows changed.
 *
 * @param local read from this member's own file (the fleet should hear it), not taken from another member
 */
public record OperatorsChanged(OperatorBook book, boolean local) {
}
