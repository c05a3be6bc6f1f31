package circuitbreaker.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The state file the shared server writes (CIRCUIT_BREAKER_STATE_FILE, set by the build). */
final class StateOnDisk {

    final Path path;

    /** The shared server's file. */
    StateOnDisk() {
        this(Path.of(System.getProperty("it.state.dir"), "maintenance-status.json"));
    }

    StateOnDisk(Path path) {
        this.path = path;
    }

    byte[] bytes() {
        try {
            return Files.exists(path) ? Files.readAllBytes(path) : new byte[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonObject json() {
        try (var reader = Json.createReader(new StringReader(new String(bytes(), StandardCharsets.UTF_8)))) {
            return reader.readObject();
        }
    }
}
