package circuitbreaker.maintenance.control;

import circuitbreaker.maintenance.entity.MaintenanceState;
import circuitbreaker.maintenance.entity.StateFileHealth;
import circuitbreaker.platform.AtomicFile;
import circuitbreaker.platform.FileFormat;
import circuitbreaker.platform.JsonFile;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * maintenance-status.json, written through {@link AtomicFile}: a crash at any moment leaves either the old state or
 * the new one, never half of either.
 */
@ApplicationScoped
public class StateFile {

    private static final System.Logger LOG = System.getLogger(StateFile.class.getName());

    private Path path;
    // Its own instance because the file is pretty-printed for people, while the wire format stays compact.
    private Jsonb jsonb;
    private volatile String movedAside;
    private volatile String lastError;

    protected StateFile() {
    }

    @Inject
    public StateFile(@ConfigProperty(name = "circuit.breaker.state.file", defaultValue = "maintenance-status.json")
            String location) {
        this.path = Path.of(location).toAbsolutePath();
        this.jsonb = JsonbBuilder.create(new JsonbConfig().withFormatting(true).withNullValues(true));
    }

    /** The saved state; empty when there is none or it was corrupt (then moved aside, logged and reported). */
    public Optional<MaintenanceState> load() {
        if (!Files.exists(path)) {
            LOG.log(Level.INFO, "No state file at {0}: starting with the default state", path);
            return Optional.empty();
        }
        try {
            String text = Files.readString(path, StandardCharsets.UTF_8);
            FileFormat.check(path, text);
            MaintenanceState state = jsonb.fromJson(text, MaintenanceState.class);
            if (state == null || state.message() == null || state.currentIssue() == null) {
                throw new IllegalArgumentException("required fields are missing");
            }
            LOG.log(Level.INFO, "Loaded state version {0} from {1}", state.version(), path);
            return Optional.of(state);
        } catch (FileFormat.NewerFormat newer) {
            LOG.log(Level.ERROR, newer.getMessage());
            throw newer;
        } catch (IOException | RuntimeException e) {
            moveAside(e);
            return Optional.empty();
        }
    }

    public void save(MaintenanceState state) throws IOException {
        try {
            AtomicFile.write(path, (FileFormat.stamped(jsonb.toJson(state)) + "\n").getBytes(StandardCharsets.UTF_8));
            lastError = null;
        } catch (IOException e) {
            lastError = e.toString();
            LOG.log(Level.ERROR, "Could not save the state to " + path + "; the previous state stays", e);
            throw e;
        }
    }

    public StateFileHealth health() {
        Path folder = path.getParent();
        boolean writable = Files.isWritable(folder) && (!Files.exists(path) || Files.isWritable(path));
        return new StateFileHealth(path.toString(), writable, movedAside, lastError);
    }

    private void moveAside(Exception cause) {
        Path aside = path.resolveSibling(path.getFileName() + ".corrupt-" + System.currentTimeMillis());
        try {
            Files.move(path, aside, StandardCopyOption.ATOMIC_MOVE);
            movedAside = aside.toString();
            LOG.log(Level.ERROR, "State file " + path + " is unreadable (" + cause.getMessage()
                    + "); moved it to " + aside + " and started with the default state");
        } catch (IOException e) {
            lastError = "corrupt state file could not be moved aside: " + e;
            LOG.log(Level.ERROR, "State file " + path + " is unreadable and could not be moved aside", e);
        }
    }

    @PreDestroy
    void close() {
        JsonFile.closeQuietly(jsonb);
    }
}
