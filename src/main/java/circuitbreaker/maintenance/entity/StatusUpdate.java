package circuitbreaker.maintenance.entity;

/**
 * A validated partial update: a null component means "keep the current value".
 *
 * @param end null to keep the end time, otherwise the new end (which may itself be unknown)
 */
public record StatusUpdate(String message, String currentIssue, Boolean isActive, End end) {

    /** The new estimated completion; {@code epochMillis} null means no end is known. */
    public record End(Long epochMillis) {
    }
}
