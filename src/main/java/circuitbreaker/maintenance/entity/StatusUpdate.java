package circuitbreaker.maintenance.entity;

/**
 * A validated partial update: a null component means "keep the current value".
 *
 * @param end null to keep the end time, otherwise the new end (which may itself be unknown)
 * @param reopenSeconds over how long the visitors who waited are let back: with an update that ends maintenance, the
 *     reopening's length (null: the configured default; 0: everyone at once); while maintenance is off, the time
 *     left from now (0: everyone now). Without effect on an update that leaves maintenance on.
 * @param deploy the step of a deploy this update is (one of {@link #DEPLOY_STEPS}: made by circuit-breaker-status
 *     deploy), or null
 */
public record StatusUpdate(String message, String currentIssue, Boolean isActive, End end, Long reopenSeconds,
        String deploy) {

    /** A deploy closes (started), then reopens (finished) or stays closed (failed). */
    public static final java.util.List<String> DEPLOY_STEPS = java.util.List.of("started", "finished", "failed");

    public StatusUpdate(String message, String currentIssue, Boolean isActive, End end, Long reopenSeconds) {
        this(message, currentIssue, isActive, end, reopenSeconds, null);
    }

    public StatusUpdate(String message, String currentIssue, Boolean isActive, End end) {
        this(message, currentIssue, isActive, end, null);
    }

    /** The same update with no reopening: everyone at once. */
    public StatusUpdate atOnce() {
        return new StatusUpdate(message, currentIssue, isActive, end, 0L, deploy);
    }

    /** The new estimated completion; {@code epochMillis} null means no end is known. */
    public record End(Long epochMillis) {
    }
}
