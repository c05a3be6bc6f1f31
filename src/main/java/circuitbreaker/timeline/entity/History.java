package circuitbreaker.timeline.entity;

import java.util.List;

/** What maintenance-history.json holds: the changes (oldest first) and the maintenances that have ended. */
public record History(List<TimelineEntry> entries, List<FinishedMaintenance> finished) {

    public static History empty() {
        return new History(List.of(), List.of());
    }
}
