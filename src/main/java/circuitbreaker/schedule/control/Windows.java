package circuitbreaker.schedule.control;

import circuitbreaker.cluster.control.ClusterLink;
import circuitbreaker.maintenance.control.InvalidUpdate;
import circuitbreaker.maintenance.control.MaintenanceStore;
import circuitbreaker.maintenance.entity.Cause;
import circuitbreaker.maintenance.entity.StatusUpdate;
import circuitbreaker.platform.JsonFile;
import circuitbreaker.schedule.entity.Listed;
import circuitbreaker.schedule.entity.Occurrence;
import circuitbreaker.schedule.entity.Upcoming;
import circuitbreaker.schedule.entity.Window;
import circuitbreaker.schedule.entity.WindowBook;
import circuitbreaker.schedule.entity.WindowsChanged;
import circuitbreaker.webhook.entity.Notice;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The planned windows, and their clock: every second the leading member (one per fleet) opens maintenance when an
 * occurrence begins (cause "schedule", a countdown to its end) and closes it when it ends, unless an operator changed
 * the state meanwhile. Which occurrences were opened is kept with the windows, on disk and across the cluster, so each
 * opens once, even after a restart or when the member that would have opened it is gone.
 */
@ApplicationScoped
public class Windows {

    private static final System.Logger LOG = System.getLogger(Windows.class.getName());
    static final long YEAR_MILLIS = WindowParser.YEAR_MILLIS;

    @Inject
    MaintenanceStore store;

    @Inject
    ClusterLink cluster;

    @Inject
    Event<WindowsChanged> changed;

    @Inject
    Event<Notice> notices;

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

    /** A window that began or ended while the service was down is dealt with before the first visitor comes. */
    void catchUpAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        tick();
    }

    public WindowBook book() {
        return book;
    }

    public synchronized Window add(Window window) throws InvalidUpdate, IOException {
        long now = store.now();
        List<Occurrence> coming = Occurrences.of(window, now, now + YEAR_MILLIS, 1000);
        for (Window other : book.windows()) {
            for (Occurrence theirs : Occurrences.of(other, now, now + YEAR_MILLIS, 1000)) {
                if (coming.stream().anyMatch(theirs::overlaps)) {
                    throw new InvalidUpdate("start: this window overlaps window " + other.id() + " (" + other.message()
                            + ") at " + java.time.Instant.ofEpochMilli(theirs.start()));
                }
            }
        }
        List<Window> windows = new ArrayList<>(book.windows());
        windows.add(window);
        save(new WindowBook(book.version() + 1, List.copyOf(windows), book.opened()));
        notices.fire(new Notice(Notice.SCHEDULED, window));
        return window;
    }

    /** @return false when there is no such window */
    public synchronized boolean cancel(String id) throws IOException {
        Optional<Window> cancelled = book.windows().stream().filter(w -> w.id().equals(id)).findFirst();
        if (cancelled.isEmpty()) {
            return false;
        }
        save(new WindowBook(book.version() + 1, book.windows().stream().filter(w -> !w.id().equals(id)).toList(),
                book.opened()));
        notices.fire(new Notice(Notice.CANCELLED, cancelled.get()));
        return true;
    }

    public static String newId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** Every window with its next occurrences, soonest first. */
    public List<Listed> list(int next) {
        long now = store.now();
        return book.windows().stream()
                .map(w -> new Listed(w, Occurrences.of(w, now, now + YEAR_MILLIS, next)))
                .sorted(Comparator.comparingLong(l -> l.next().isEmpty() ? Long.MAX_VALUE : l.next().get(0).start()))
                .toList();
    }

    /** The coming occurrences of every window (the current one included), soonest first. */
    public List<Upcoming> upcoming(int count) {
        long now = store.now();
        return book.windows().stream()
                .flatMap(w -> Occurrences.of(w, now, now + YEAR_MILLIS, count).stream()
                        .map(o -> new Upcoming(o.start(), o.end(), w.message(), w.currentIssue())))
                .sorted(Comparator.comparingLong(Upcoming::start)).limit(count).toList();
    }

    /** Every second, on the leading member only. */
    public synchronized void tick() {
        if (!cluster.leads()) {
            return;
        }
        long now = store.now();
        try {
            Optional<Occurrence> current = current(now);
            if (current.isPresent() && !book.opened().contains(current.get().key())) {
                open(current.get());
            } else if (current.isEmpty()) {
                closeEnded();
                forgetEnded(now);
            }
        } catch (IOException e) {
            LOG.log(Level.ERROR, "A window could not open or close (it tries again next second): {0}", e.toString());
        }
    }

    private Optional<Occurrence> current(long now) {
        return book.windows().stream().flatMap(w -> Occurrences.of(w, now, now + 1, 1).stream())
                .filter(o -> o.contains(now)).findFirst();
    }

    private void open(Occurrence occurrence) throws IOException {
        Window window = book.windows().stream().filter(w -> w.id().equals(occurrence.windowId())).findFirst()
                .orElseThrow();
        // An operator's or the watcher's maintenance that is on already is left as it is; a window's is replaced.
        StatusUpdate start = new StatusUpdate(window.message(), window.currentIssue(), true,
                new StatusUpdate.End(occurrence.end()));
        boolean opened = store.applyIf(state -> !state.isActive() || state.openedBy(Cause.SCHEDULE), start,
                Cause.SCHEDULE).isPresent();
        Set<String> keys = new HashSet<>(book.opened());
        keys.removeIf(key -> Long.parseLong(key.substring(key.lastIndexOf('@') + 1)) < store.now() - YEAR_MILLIS);
        keys.add(occurrence.key());
        save(new WindowBook(book.version() + 1, book.windows(), Set.copyOf(keys)));
        LOG.log(Level.INFO, opened ? "Window {0} began: maintenance is on until {1}"
                : "Window {0} began while maintenance was already on: left as it is", window.id(),
                java.time.Instant.ofEpochMilli(occurrence.end()));
    }

    private void closeEnded() throws IOException {
        StatusUpdate end = new StatusUpdate(null, null, false, null);
        if (store.applyIf(state -> state.openedBy(Cause.SCHEDULE), end, Cause.SCHEDULE).isPresent()) {
            LOG.log(Level.INFO, "A window ended: maintenance is off");
        }
    }

    /** A one-off window that has ended leaves the list: it is history now, and the timeline keeps it. */
    private void forgetEnded(long now) throws IOException {
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
            file.save(other);
        } catch (IOException e) {
            LOG.log(Level.ERROR, "Took windows version {0} from the cluster but could not save them: {1}",
                    other.version(), e.toString());
        }
        changed.fire(new WindowsChanged(other, false));
        return true;
    }

    private void save(WindowBook next) throws IOException {
        file.save(next);
        book = next;
        changed.fire(new WindowsChanged(next, true));
    }

    @PreDestroy
    void close() {
        file.close();
    }
}
