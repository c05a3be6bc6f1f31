package circuitbreaker.timeline.control;

import circuitbreaker.maintenance.entity.MaintenanceState;
import circuitbreaker.maintenance.entity.StateChanged;
import circuitbreaker.platform.FailsAlone;
import circuitbreaker.platform.JsonFile;
import circuitbreaker.timeline.entity.FinishedMaintenance;
import circuitbreaker.timeline.entity.History;
import circuitbreaker.timeline.entity.HistoryAnswer;
import circuitbreaker.timeline.entity.Overrun;
import circuitbreaker.timeline.entity.TimelineEntry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What visitors were told, change after change, per scope: every new state (an operator's, a window's, the watcher's,
 * or one taken from another cluster member) appends an entry to maintenance-history.json, on disk before the update is
 * answered; a maintenance that ends is kept with its first promised end, so overruns can be reported. Each list keeps
 * the newest CIRCUIT_BREAKER_HISTORY_LIMIT items.
 */
@ApplicationScoped
public class Timeline {

    /** The page lists at most this many updates of the current maintenance. */
    public static final int ON_THE_PAGE = 10;

    @Inject
    @ConfigProperty(name = "circuit.breaker.history.file")
    Optional<String> location;

    @Inject
    @ConfigProperty(name = "circuit.breaker.state.file", defaultValue = "maintenance-status.json")
    String stateFile;

    @Inject
    @ConfigProperty(name = "circuit.breaker.history.limit", defaultValue = "500")
    int limit;

    private JsonFile<History> file;
    private volatile History history;

    /** Whoever comes first (a change or the start-up) finds the history loaded. */
    @PostConstruct
    void load() {
        if (limit < 1) {
            throw new IllegalStateException("CIRCUIT_BREAKER_HISTORY_LIMIT must be at least 1, not " + limit);
        }
        file = new JsonFile<>(location, stateFile, "maintenance-history.json", History.class, History::empty,
                h -> h.entries() != null && h.finished() != null);
        history = file.load();
    }

    /** Observing the start-up creates the bean at deployment: a bad setting or an unreadable file shows at once. */
    void loadAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
    }

    @PreDestroy
    void close() {
        if (file != null) {
            file.close();
        }
    }

    @FailsAlone
    synchronized void changed(@Observes StateChanged change) throws IOException {
        MaintenanceState state = change.state();
        History before = history.of(change.scope());
        List<TimelineEntry> entries = before.entries();
        TimelineEntry last = entries.isEmpty() ? null : entries.get(entries.size() - 1);
        if (last != null && last.version() >= state.version()) {
            return; // already told (a state heard again from another member)
        }
        List<TimelineEntry> nextEntries = newest(append(entries, TimelineEntry.of(state)));
        List<FinishedMaintenance> finished = before.finished();
        if (last != null && last.isActive() && !state.isActive()) {
            List<TimelineEntry> run = entries.stream().filter(e -> e.isActive() && e.at() >= state.startTime()).toList();
            Long firstPlan = run.stream().map(TimelineEntry::estimatedCompletion).filter(Objects::nonNull).findFirst()
                    .orElse(null);
            String openedBy = run.isEmpty() ? last.cause() : run.get(0).cause();
            finished = newest(append(finished, FinishedMaintenance.of(state.startTime(), state.updatedAt(), openedBy,
                    firstPlan)));
        }
        History next = history.with(change.scope(), new History(nextEntries, finished));
        history = next; // kept in memory first: a save that fails now is made whole by the next one
        file.save(next);
    }

    /** The current maintenance's updates of one scope, newest first, as its page shows them. */
    public List<TimelineEntry> currentMaintenance(String scope, boolean active, long startTime) {
        if (!active) {
            return List.of();
        }
        List<TimelineEntry> entries = history.of(scope).entries();
        List<TimelineEntry> current = new ArrayList<>();
        for (int i = entries.size() - 1; i >= 0 && current.size() < ON_THE_PAGE; i--) {
            TimelineEntry entry = entries.get(i);
            if (!entry.isActive() || entry.at() < startTime) {
                break;
            }
            current.add(entry);
        }
        return current;
    }

    public HistoryAnswer answer(String scope, int newest) {
        History now = history.of(scope);
        return new HistoryAnswer(reversed(now.entries(), newest), reversed(now.finished(), newest),
                Overrun.of(now.finished()));
    }

    private <T> List<T> newest(List<T> items) {
        return items.size() <= limit ? items : List.copyOf(items.subList(items.size() - limit, items.size()));
    }

    private static <T> List<T> append(List<T> items, T item) {
        List<T> longer = new ArrayList<>(items);
        longer.add(item);
        return List.copyOf(longer);
    }

    private static <T> List<T> reversed(List<T> items, int newest) {
        List<T> copy = new ArrayList<>(items.subList(Math.max(0, items.size() - newest), items.size()));
        java.util.Collections.reverse(copy);
        return copy;
    }
}
