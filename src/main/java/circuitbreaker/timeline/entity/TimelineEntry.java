package circuitbreaker.timeline.entity;

import circuitbreaker.maintenance.entity.MaintenanceState;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** One change of the state, as visitors were told it: when, by whom, and what the page said. */
@JsonbPropertyOrder({"at", "cause", "isActive", "message", "currentIssue", "estimatedCompletion", "version"})
public record TimelineEntry(long at, String cause, boolean isActive, String message, String currentIssue,
        Long estimatedCompletion, long version) {

    public static TimelineEntry of(MaintenanceState state) {
        return new TimelineEntry(state.updatedAt(), state.cause(), state.isActive(), state.message(),
                state.currentIssue(), state.estimatedCompletion(), state.version());
    }
}
