package circuitbreaker.timeline.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * A maintenance that has ended: when it began and ended, and the end first promised to visitors.
 *
 * @param plannedSeconds the first end announced, counted from the start; null when no end was ever promised
 * @param overrunSeconds how much longer it took than first announced (negative: shorter); null without a plan
 */
@JsonbPropertyOrder({"startTime", "endTime", "cause", "plannedSeconds", "actualSeconds", "overrunSeconds"})
public record FinishedMaintenance(long startTime, long endTime, String cause, Long plannedSeconds,
        long actualSeconds, Long overrunSeconds) {

    public static FinishedMaintenance of(long startTime, long endTime, String cause, Long firstPlannedEnd) {
        long actual = Math.round((endTime - startTime) / 1000.0);
        Long planned = firstPlannedEnd == null ? null : Math.round((firstPlannedEnd - startTime) / 1000.0);
        return new FinishedMaintenance(startTime, endTime, cause, planned, actual,
                planned == null ? null : actual - planned);
    }
}
