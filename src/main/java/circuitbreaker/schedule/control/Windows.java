package circuitbreaker.schedule.control;

import circuitbreaker.maintenance.control.MaintenanceStore;
import circuitbreaker.maintenance.entity.Scope;
import circuitbreaker.platform.InvalidInput;
import circuitbreaker.platform.JsonFile;
import circuitbreaker.schedule.entity.Listed;
import circuitbreaker.schedule.entity.Occurrence;
import circuitbreaker.schedule.entity.Upcoming;
import circuitbreaker.schedule.entity.Window;
import circuitbreaker.schedule.entity.WindowBook;
import circuitbreaker.schedule.entity.WindowCancelled;
import circuitbreaker.schedule.entity.WindowScheduled;
import circuitbreaker.schedule.entity.WindowsChanged;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The planned windows and which of their occurrences were opened, kept as one versioned book in
 * maintenance-windows.json and shared across the cluster (the newer book wins); {@link WindowClock} opens and closes
 * them.
 */
@ApplicationScoped
public class Windows {

    private static final System.Logger LOG = System.getLogger(Windows.class.getName());
    static final long YEAR_MILLIS = WindowParser.YEAR_MILLIS;

    @Inject
    MaintenanceStore store;

    @Inject
    Event<WindowsChanged> changed;

    @Inject
    Event<WindowScheduled> scheduled;

    @Inject
    Event<WindowCancelled> cancelled;

    @Inject
    @ConfigProperty(name = "circuit.breaker.windows.file")
    Optional<String> location;

    @Inject
    @ConfigProperty(name = "circuit.breaker.state.file", defaultValue = "maintenance-status.json")
    String stateFile;

    private JsonFile<WindowBook> file;
    private volatile WindowBook book;

    @PostConstruct
    void load() {
        file = new JsonFile<>(location, stateFile, "maintenance-windows.json", WindowBook.class, WindowBook::empty,
                b -> b.windows() != null && b.opened() != null);
        book = file.load();
    }

    public WindowBook book() {
        return book;
    }

    public synchronized Window add(Window window) throws InvalidInput, IOException {
        long now = store.now();
        List<Occurrence> coming = Occurrences.of(window, now, now + YEAR_MILLIS, 1000);
        for (Window other : book.windows().stream().filter(w -> w.of(window.scope())).toList()) {
            for (Occurrence theirs : Occurrences.of(other, now, now + YEAR_MILLIS, 1000)) {
                if (coming.stream().anyMatch(theirs::overlaps)) {
                    throw new InvalidInput("start: this window overlaps window " + other.id() + " (" + other.message()
                            + ") at " + java.time.Instant.ofEpochMilli(theirs.start()));
                }
            }
        }
        List<Window> windows = new ArrayList<>(book.windows());
        windows.add(window);
        save(new WindowBook(book.version() + 1, List.copyOf(windows), book.opened()));
        LOG.log(Level.INFO, "Window {0} of {1} planned by {2}", window.id(), window.scope(), window.by());
        scheduled.fire(new WindowScheduled(window));
        return window;
    }

    /** Cancels a window, by {@code by} (for the log); false when there is no such window. */
    public synchronized boolean cancel(String id, String by) throws IOException {
        Optional<Window> cancelled = book.windows().stream().filter(w -> w.id().equals(id)).findFirst();
        if (cancelled.isEmpty()) {
            return false;
        }
        save(new WindowBook(book.version() + 1, book.windows().stream().filter(w -> !w.id().equals(id)).toList(),
                book.opened()));
        LOG.log(Level.INFO, "Window {0} of {1} cancelled by {2}", id, cancelled.get().scope(), by);
        this.cancelled.fire(new WindowCancelled(cancelled.get()));
        return true;
    }

    /** Every window with its next occurrences, soonest first. */
    public List<Listed> list(int next) {
        long now = store.now();
        return book.windows().stream()
                .map(w -> new Listed(w, Occurrences.of(w, now, now + YEAR_MILLIS, next)))
                .sorted(Comparator.comparingLong(l -> l.next().isEmpty() ? Long.MAX_VALUE : l.next().get(0).start()))
                .toList();
    }

    /** The coming occurrences of the whole site's windows (the current one included), soonest first. */
    public List<Upcoming> upcoming(int count) {
        long now = store.now();
        return book.windows().stream().filter(w -> w.of(Scope.SITE))
                .flatMap(w -> Occurrences.of(w, now, now + YEAR_MILLIS, count).stream()
                        .map(o -> new Upcoming(o.start(), o.end(), w.message(), w.currentIssue())))
                .sorted(Comparator.comparingLong(Upcoming::start)).limit(count).toList();
    }

    /** The occurrence of one scope's windows going on at {@code now}, if any. */
    public Optional<Occurrence> current(String scope, long now) {
        return book.windows().stream().filter(w -> w.of(scope))
                .flatMap(w -> Occurrences.of(w, now, now + 1, 1).stream()).filter(o -> o.contains(now)).findFirst();
    }

    public Optional<Window> window(String id) {
        return book.windows().stream().filter(w -> w.id().equals(id)).findFirst();
    }

    /** Keeps that this occurrence was opened, so it opens once; marks over a year old are forgotten. */
    public synchronized void markOpened(Occurrence occurrence, long now) throws IOException {
        Set<String> keys = new HashSet<>(book.opened());
        keys.removeIf(key -> Long.parseLong(key.substring(key.lastIndexOf('@') + 1)) < now - YEAR_MILLIS);
        keys.add(occurrence.key());
        save(new WindowBook(book.version() + 1, book.windows(), Set.copyOf(keys)));
    }

    /** A one-off window that has ended leaves the list: it is history now, and the timeline keeps it. */
    public synchronized void forgetEnded(long now) throws IOException {
        List<Window> coming = book.windows().stream().filter(w -> w.recurrence() != null || w.end() > now).toList();
        if (coming.size() < book.windows().size()) {
            save(new WindowBook(book.version() + 1, coming, book.opened()));
        }
    }

    /** Another member's book: the newer one wins. */
    public synchronized boolean adopt(WindowBook other) {
        if (other.version() <= book.version()) {
            return false;
        }
        book = other;
        try {
            file.save(other, other.format());
        } catch (IOException e) {
            LOG.log(Level.ERROR, "Took windows version {0} from the cluster but could not save them: {1}",
                    other.version(), e.toString());
        }
        changed.fire(new WindowsChanged(other, false));
        return true;
    }

    /** Replaces the book with the next version, on disk first; the cluster hears of it. */
    private void save(WindowBook next) throws IOException {
        file.save(next, next.format());
        book = next;
        changed.fire(new WindowsChanged(next, true));
    }

    @PreDestroy
    void close() {
        file.close();
    }
}
