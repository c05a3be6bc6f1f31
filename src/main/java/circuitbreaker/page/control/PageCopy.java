package circuitbreaker.page.control;

import circuitbreaker.maintenance.control.MaintenanceStore;
import circuitbreaker.maintenance.entity.StateChanged;
import circuitbreaker.maintenance.entity.Status;
import circuitbreaker.platform.AtomicFile;
import circuitbreaker.platform.FailsAlone;
import circuitbreaker.platform.JsonFile;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.System.Logger.Level;
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
 * another one.
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

    @PostConstruct
    void locate() {
        path = JsonFile.besideStateFile(location, stateFile, "maintenance-page.html");
    }

    void atStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (!store.current().isActive()) {
            remove();
        }
    }

    @FailsAlone
    void changed(@Observes StateChanged change) {
        if (!change.state().isActive()) {
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
        } catch (IOException | UnsupportedOperationException e) {
            LOG.log(Level.WARNING, "Could not keep a copy of the page in {0}: {1}", path, e.toString());
        }
    }

    private synchronized void remove() {
        try {
            Files.deleteIfExists(path);
            copied = -1;
        } catch (IOException e) {
            LOG.log(Level.ERROR, "Could not remove the copy of the page " + path + ": a front may keep serving it", e);
        }
    }
}
