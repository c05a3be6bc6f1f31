package circuitbreaker.timeline.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * How past maintenances kept their first promised end.
 *
 * @param planned how many of the finished maintenances promised an end
 * @param medianSeconds the median overrun of those (negative: they finished early), null when none
 * @param worstSeconds the largest overrun, null when none
 * @param overran how many took longer than first announced
 */
@JsonbPropertyOrder({"planned", "overran", "medianSeconds", "worstSeconds"})
public record Overrun(int planned, int overran, Long medianSeconds, Long worstSeconds) {

    public static Overrun of(List<FinishedMaintenance> finished) {
        List<Long> overruns = finished.stream().map(FinishedMaintenance::overrunSeconds).filter(Objects::nonNull)
                .sorted().toList();
        if (overruns.isEmpty()) {
            return new Overrun(0, 0, null, null);
        }
        int n = overruns.size();
        long median = n % 2 == 1 ? overruns.get(n / 2) : Math.round((overruns.get(n / 2 - 1) + overruns.get(n / 2)) / 2.0);
        return new Overrun(n, (int) overruns.stream().filter(o -> o > 0).count(), median, overruns.get(n - 1));
    }
}
