package circuitbreaker.maintenance.control;

import circuitbreaker.maintenance.entity.MaintenanceState;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Every scope's state, read from the file on first use and replaced whole on each change, so a reader always sees one
 * consistent set. A scope defined since the last save starts as a site with no file does: open. Changes come one at a
 * time from the store.
 */
final class ScopeStates {

    private final StateFile file;
    private final ScopeBook scopes;
    private final LongSupplier now;
    private volatile Map<String, MaintenanceState> states;

    ScopeStates(StateFile file, ScopeBook scopes, LongSupplier now) {
        this.file = file;
        this.scopes = scopes;
        this.now = now;
    }

    MaintenanceState get(String scope) {
        MaintenanceState state = all().get(scope);
        if (state == null) {
            throw new IllegalArgumentException("no scope is named " + scope);
        }
        return state;
    }

    boolean defines(String scope) {
        return scopes.find(scope).isPresent();
    }

    Map<String, MaintenanceState> all() {
        Map<String, MaintenanceState> all = states;
        if (all == null) {
            synchronized (this) {
                if (states == null) {
                    Map<String, MaintenanceState> loaded = new HashMap<>(file.load().orElse(Map.of()));
                    scopes.names().forEach(name -> loaded.computeIfAbsent(name,
                            n -> MaintenanceState.initial(now.getAsLong())));
                    states = Map.copyOf(loaded);
                }
                all = states;
            }
        }
        return all;
    }

    /** Saves the set with this scope's new state, then serves it; when the save fails nothing changes. */
    void save(String scope, MaintenanceState state) throws IOException {
        Map<String, MaintenanceState> next = with(scope, state);
        file.save(next);
        states = next;
    }

    /** Serves the set with this scope's new state, then saves it: a failed save is the caller's to report. */
    void serveThenSave(String scope, MaintenanceState state) throws IOException {
        Map<String, MaintenanceState> next = with(scope, state);
        states = next;
        file.save(next);
    }

    private Map<String, MaintenanceState> with(String scope, MaintenanceState state) {
        Map<String, MaintenanceState> next = new HashMap<>(all());
        next.put(scope, state);
        return Map.copyOf(next);
    }
}
