package circuitbreaker.schedule.entity;

import java.io.Serializable;
import java.util.List;
import java.util.Set;

/**
 * Every window, and which occurrences have already been opened, as one versioned value: kept in
 * maintenance-windows.json and shared across the cluster, where the higher version wins.
 *
 * @param opened the keys of occurrences already opened ({@link Occurrence#key()}), so none opens twice
 */
public record WindowBook(long version, List<Window> windows, Set<String> opened) implements Serializable {

    public static WindowBook empty() {
        return new WindowBook(0, List.of(), Set.of());
    }
}
