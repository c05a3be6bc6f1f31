package circuitbreaker.schedule.entity;

import circuitbreaker.maintenance.entity.Scope;
import circuitbreaker.platform.FileFormat;
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

    /** Format 2 once a window closes a scope other than the site: a release before scopes would close the site. */
    public int format() {
        return windows.stream().allMatch(w -> w.of(Scope.SITE)) ? FileFormat.FIRST : FileFormat.CURRENT;
    }
}
