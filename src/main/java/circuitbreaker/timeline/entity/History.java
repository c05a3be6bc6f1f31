package circuitbreaker.timeline.entity;

import circuitbreaker.maintenance.entity.Scope;
import jakarta.json.bind.annotation.JsonbCreator;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What maintenance-history.json holds: the whole site's changes (oldest first) and the maintenances that have ended,
 * and beside them each other scope's own, by name (none in files written before scopes).
 */
@JsonbPropertyOrder({"entries", "finished", "scopes"})
public record History(List<TimelineEntry> entries, List<FinishedMaintenance> finished, Map<String, History> scopes) {

    @JsonbCreator
    public History {
        scopes = scopes == null ? Map.of() : Map.copyOf(scopes);
    }

    public History(List<TimelineEntry> entries, List<FinishedMaintenance> finished) {
        this(entries, finished, Map.of());
    }

    public static History empty() {
        return new History(List.of(), List.of());
    }

    /** One scope's own history. */
    public History of(String scope) {
        return Scope.SITE.equals(scope) ? this : scopes.getOrDefault(scope, empty());
    }

    /** This history with one scope's replaced. */
    public History with(String scope, History own) {
        if (Scope.SITE.equals(scope)) {
            return new History(own.entries, own.finished, scopes);
        }
        Map<String, History> next = new TreeMap<>(scopes);
        next.put(scope, new History(own.entries, own.finished));
        return new History(entries, finished, next);
    }
}
