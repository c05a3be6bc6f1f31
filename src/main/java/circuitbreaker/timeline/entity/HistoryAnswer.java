package circuitbreaker.timeline.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** GET /api/maintenance/history: the newest changes first, the newest finished maintenances first, and overruns. */
@JsonbPropertyOrder({"entries", "finished", "overrun"})
public record HistoryAnswer(List<TimelineEntry> entries, List<FinishedMaintenance> finished, Overrun overrun) {

    /** The answer as anyone may read it: who made each change is for operators. */
    public HistoryAnswer withoutAuthors() {
        return new HistoryAnswer(entries.stream().map(TimelineEntry::withoutAuthor).toList(), finished, overrun);
    }
}
