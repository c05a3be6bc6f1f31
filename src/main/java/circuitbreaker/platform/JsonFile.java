package circuitbreaker.platform;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A human-readable JSON file beside the state file (the history, the windows), written through {@link AtomicFile}.
 * An unreadable one is moved aside and logged, and the service goes on with an empty value; one written by a newer
 * release stops it instead, untouched ({@link FileFormat}).
 */
public final class JsonFile<T> implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(JsonFile.class.getName());

    private final Path path;
    private final Type type;
    private final Supplier<T> empty;
    private final Predicate<T> complete;
    private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig().withFormatting(true).withNullValues(true));

    /**
     * @param configured the configured path, if any
     * @param stateFile the state file's configured path: without a configured path the file lands beside it
     * @param name the file's name beside the state file
     * @param complete whether a value read from the file has everything it needs
     */
    public JsonFile(Optional<String> configured, String stateFile, String name, Type type, Supplier<T> empty,
            Predicate<T> complete) {
        this.path = besideStateFile(configured, stateFile, name);
        this.type = type;
        this.empty = empty;
        this.complete = complete;
    }

    /** The configured path, or, without one, {@code name} in the state file's folder. */
    public static Path besideStateFile(Optional<String> configured, String stateFile, String name) {
        return configured.filter(p -> !p.isBlank()).map(Path::of)
                .orElseGet(() -> Path.of(stateFile).toAbsolutePath().resolveSibling(name)).toAbsolutePath();
    }

    public T load() {
        if (!Files.exists(path)) {
            return empty.get();
        }
        try {
            String text = Files.readString(path, StandardCharsets.UTF_8);
            FileFormat.check(path, text);
            T value = jsonb.fromJson(text, type);
            if (value == null || !complete.test(value)) {
                throw new IllegalArgumentException("required fields are missing");
            }
            return value;
        } catch (FileFormat.NewerFormat newer) {
            throw newer;
        } catch (IOException | RuntimeException e) {
            Path aside = path.resolveSibling(path.getFileName() + ".corrupt-" + System.currentTimeMillis());
            try {
                Files.move(path, aside, StandardCopyOption.ATOMIC_MOVE);
                LOG.log(Level.ERROR, path + " is unreadable (" + e.getMessage() + "); moved it to " + aside);
            } catch (IOException moveFailed) {
                LOG.log(Level.ERROR, path + " is unreadable and could not be moved aside", moveFailed);
            }
            return empty.get();
        }
    }

    public void save(T value) throws IOException {
        save(value, FileFormat.FIRST);
    }

    /** @param format the lowest format that holds what the value has ({@link FileFormat}) */
    public void save(T value, int format) throws IOException {
        String text = FileFormat.stamped(jsonb.toJson(value, type), format) + "\n";
        AtomicFile.write(path, text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        closeQuietly(jsonb);
    }

    /** Closes a JSON-B instance at shutdown; a failure there changes nothing anyone could act on. */
    public static void closeQuietly(Jsonb jsonb) {
        try {
            jsonb.close();
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "Closing JSON-B failed", e);
        }
    }
}
