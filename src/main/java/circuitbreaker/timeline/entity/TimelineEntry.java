package circuitbreaker.timeline.entity;

import circuitbreaker.maintenance.entity.AdmissionMode;
import circuitbreaker.maintenance.entity.MaintenanceState;
import circuitbreaker.maintenance.entity.Reopening;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * One change of the state, as visitors were told it: when, by whom, and what the page said.
 *
 * @param cause the kind of author ({@code operator}, {@code deploy}, {@code schedule}, {@code watcher})
 * @param by who made it (an operator's name, {@code loopback}, {@code watcher} or {@code window}); null in entries
 *     from before it was recorded, and for callers who are not operators
 *
 * @param reopening with maintenance off, the reopening that change began, moved or ended (with its count), or null
 * @param admission admission mode as that change left it (its start, rate and idle time), or null when off
 * @param deploy the step of a deploy that change was (started, finished, failed), or null
 */
@JsonbPropertyOrder({"at", "cause", "by", "isActive", "message", "currentIssue", "estimatedCompletion", "version",
        "reopening", "admission", "deploy"})
public record TimelineEntry(long at, String cause, String by, boolean isActive, String message, String currentIssue,
        Long estimatedCompletion, long version, Reopening reopening, AdmissionMode admission, String deploy) {

    public static TimelineEntry of(MaintenanceState state) {
        return new TimelineEntry(state.updatedAt(), state.cause(), state.by(), state.isActive(), state.message(),
                state.currentIssue(), state.estimatedCompletion(), state.version(),
                state.isActive() ? null : state.reopening(), state.admission(), state.deploy());
    }

    /** The entry as anyone may read it: who made it is for operators. */
    public TimelineEntry withoutAuthor() {
        return by == null ? this : new TimelineEntry(at, cause, null, isActive, message, currentIssue,
                estimatedCompletion, version, reopening, admission, deploy);
    }
}
