package circuitbreaker.page.control;

import circuitbreaker.maintenance.control.MaintenanceStore;
import circuitbreaker.maintenance.entity.StateChanged;
import circuitbreaker.maintenance.entity.Status;
import circuitbreaker.platform.AtomicFile;
import circuitbreaker.platform.FailsAlone;
import circuitbreaker.platform.JsonFile;
import circuitbreaker.platform.Second;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A copy of the page on disk, for a front proxy that keeps no answers of its own (the shipped Caddyfile): when the
 * breaker cannot be asked, the front serves the copy if there is one and the site if not, so a closed site stays
 * closed through a restart of the breaker. The copy exists while maintenance is on: it is the first page rendered
 * after each change, and it is removed the moment maintenance goes off. Readable by every user, as the front runs as
 * another one. Beside it, an empty mark named after the last second this breaker ran with maintenance on
 * ({@code maintenance-page.html.<epoch second>}, renewed every second): a front serves the copy only for a bounded
 * time after that second, so a breaker that is gone for good does not keep the site closed for good.
 */
@ApplicationScoped
public class PageCopy {

    private static final System.Logger LOG = System.getLogger(PageCopy.class.getName());

    @Inject
    MaintenanceStore store;

    @Inject
    @ConfigProperty(name = "circuit.breaker.page.copy")
    Optional<String> location;

    @Inject
    @ConfigProperty(name = "circuit.breaker.state.file", defaultValue = "maintenance-status.json")
    String stateFile;

    private Path path;
    private long copied = -1; // the version of the state the copy shows; guarded by this
    private boolean onDisk; // a copy of a state with maintenance on is on disk, this run's or the last one's
    private Path mark; // the newest mark this run made, or null

    @PostConstruct
    void locate() {
        path = JsonFile.besideStateFile(location, stateFile, "maintenance-page.html");
    }

    synchronized void atStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (!store.current().isActive()) {
            remove();
            return;
        }
        onDisk = Files.exists(path); // the last run's copy of the state this one starts with
        mark(store.now() / 1000);
        removeMarksBut(mark); // a run that was killed left its last one; the new one is made first
    }

    /** Renews the mark: this breaker runs, and maintenance is on. */
    @FailsAlone
    void second(@ObservesAsync Second second) {
        mark(second.at() / 1000);
    }

    @FailsAlone
    void changed(@Observes StateChanged change) {
        if (change.ofSite() && !change.state().isActive()) { // the copy is the whole site's page
            remove();
        }
    }

    /** Whether a page rendered for this status should become the copy: it shows a state the copy does not. */
    public synchronized boolean wants(Status status) {
        return status.isActive() && status.version() != copied;
    }

    /** Keeps a page just rendered, unless the state has moved on meanwhile (the copy never outlives an end). */
    public synchronized void keep(Status status, byte[] html) {
        if (!wants(status) || status.version() != store.current().version()) {
            return;
        }
        try {
            AtomicFile.write(path, html, false);
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
            copied = status.version();
            onDisk = true;
        } catch (IOException | UnsupportedOperationException e) {
            LOG.log(Level.WARNING, "Could not keep a copy of the page in {0}: {1}", path, e.toString());
            return;
        }
        mark(store.now() / 1000);
    }

    /** The new mark first, then the old one goes: a front looking meanwhile finds one of them, never none. */
    synchronized void mark(long epochSecond) {
        if (!onDisk || !store.current().isActive()) {
            return;
        }
        Path next = path.resolveSibling(path.getFileName() + "." + epochSecond);
        if (next.equals(mark)) {
            return;
        }
        try {
            Files.write(next, new byte[0]);
            if (mark != null) {
                Files.deleteIfExists(mark);
            }
            mark = next;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not renew the mark beside the copy of the page, {0}: a front stops serving "
                    + "the copy once the last mark is too old: {1}", next, e.toString());
        }
    }

    /** The marks first, then the copy: a front that finds a mark also finds the copy. */
    private synchronized void remove() {
        onDisk = false;
        removeMarksBut(null);
        try {
            Files.deleteIfExists(path);
            copied = -1;
        } catch (IOException e) {
            LOG.log(Level.ERROR, "Could not remove the copy of the page " + path + ": a front may keep serving it", e);
        }
    }

    private void removeMarksBut(Path kept) {
        mark = kept;
        String prefix = path.getFileName() + ".";
        DirectoryStream.Filter<Path> marks = file -> {
            String name = file.getFileName().toString();
            return name.startsWith(prefix) && name.substring(prefix.length()).matches("[0-9]+") && !file.equals(kept);
        };
        if (!Files.isDirectory(path.getParent())) {
            return;
        }
        try (DirectoryStream<Path> found = Files.newDirectoryStream(path.getParent(), marks)) {
            for (Path old : found) {
                Files.deleteIfExists(old);
            }
        } catch (IOException e) {
            LOG.log(Level.ERROR, "Could not remove the marks beside the copy of the page " + path
                    + ": a front may serve the copy until the newest is too old", e);
        }
    }
}
