package circuitbreaker.maintenance.control;

import circuitbreaker.maintenance.entity.MaintenanceState;
import circuitbreaker.maintenance.entity.Scope;
import circuitbreaker.maintenance.entity.StateFileHealth;
import circuitbreaker.platform.AtomicFile;
import circuitbreaker.platform.FileFormat;
import circuitbreaker.platform.JsonFile;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import java.io.IOException;
import java.io.StringReader;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * maintenance-status.json, written through {@link AtomicFile}: a crash at any moment leaves either the old state or
 * the new one, never half of either. The whole site's state is the file's object itself, as it always was; the other
 * scopes' states are under "scopes", by name (format 2, written only once there are any).
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

    /**
     * The saved states by scope, {@code site} always among them; empty when there is none or it was corrupt (then
     * moved aside, logged and reported).
     */
    public Optional<Map<String, MaintenanceState>> load() {
        if (!Files.exists(path)) {
            LOG.log(Level.INFO, "No state file at {0}: starting with the default state", path);
            return Optional.empty();
        }
        try {
            String text = Files.readString(path, StandardCharsets.UTF_8);
            FileFormat.check(path, text);
            Map<String, MaintenanceState> states = new TreeMap<>();
            states.put(Scope.SITE, complete(jsonb.fromJson(text, MaintenanceState.class)));
            JsonObject whole;
            try (var reader = Json.createReader(new StringReader(text))) {
                whole = reader.readObject();
            }
            if (whole.get("scopes") instanceof JsonObject scopes) {
                for (var scope : scopes.entrySet()) {
                    states.put(scope.getKey(), complete(jsonb.fromJson(scope.getValue().toString(),
                            MaintenanceState.class)));
                }
            }
            LOG.log(Level.INFO, "Loaded state version {0} from {1}", states.get(Scope.SITE).version(), path);
            return Optional.of(Map.copyOf(states));
        } catch (FileFormat.NewerFormat newer) {
            LOG.log(Level.ERROR, newer.getMessage());
            throw newer;
        } catch (IOException | RuntimeException e) {
            moveAside(e);
            return Optional.empty();
        }
    }

    private static MaintenanceState complete(MaintenanceState state) {
        if (state == null || state.message() == null || state.currentIssue() == null) {
            throw new IllegalArgumentException("required fields are missing");
        }
        return state;
    }

    /** @param states by scope, {@code site} among them */
    public void save(Map<String, MaintenanceState> states) throws IOException {
        String json = jsonb.toJson(states.get(Scope.SITE));
        Map<String, MaintenanceState> others = new TreeMap<>(states);
        others.remove(Scope.SITE);
        if (!others.isEmpty()) { // nested one level deeper: each of its lines indented once more
            json = json.substring(0, json.lastIndexOf('}')).stripTrailing() + ",\n    \"scopes\": "
                    + jsonb.toJson(others).replace("\n", "\n    ") + "\n}";
        }
        String stamped = FileFormat.stamped(json, others.isEmpty() ? FileFormat.FIRST : FileFormat.CURRENT);
        try {
            AtomicFile.write(path, (stamped + "\n").getBytes(StandardCharsets.UTF_8));
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
