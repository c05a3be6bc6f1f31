package circuitbreaker.schedule.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** A window as GET /api/maintenance/windows lists it: the window and its next occurrences. */
@JsonbPropertyOrder({"window", "next"})
public record Listed(Window window, List<Occurrence> next) {

    /** As anyone may read it: who planned it is for operators. */
    public Listed withoutAuthor() {
        return new Listed(window.plannedBy(null), next);
    }
}
