package circuitbreaker.platform;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.file.Path;

/**
 * The format of the service's JSON files (the state, the windows, the history), written into each as its first
 * field, {@code "format"}. A release that meets a file written by a newer one refuses it by name and leaves it
 * untouched (rather than misreading it, or moving it aside as corrupt); a rollback then says what to do. A file
 * without the field is format 1, as every file written before it existed. A file is written in the lowest format that
 * holds what it has (the state is format 2 once it keeps scopes, which it does from the first scope defined on).
 */
public final class FileFormat {

    /** The newest format this release reads. scripts/circuit-breaker.sh checks it too. */
    public static final int CURRENT = 2;
    /** The format of every file that holds nothing newer. */
    public static final int FIRST = 1;

    private FileFormat() {
    }

    /** The JSON object's text with the first format as its first field. */
    public static String stamped(String jsonObject) {
        return stamped(jsonObject, FIRST);
    }

    /** The JSON object's text with this format as its first field. */
    public static String stamped(String jsonObject, int format) {
        int brace = jsonObject.indexOf('{');
        String rest = jsonObject.substring(brace + 1);
        return jsonObject.substring(0, brace + 1) + "\n    \"format\": " + format + (rest.strip().startsWith("}") ? "" : ",") + rest;
    }

    /**
     * @throws NewerFormat when the file was written by a newer release. Text that is not a JSON object passes: reading
     *     it fails as it would have, and the file is handled as corrupt.
     */
    public static void check(Path path, String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            JsonValue format = reader.readObject().get("format");
            if (format instanceof JsonNumber number && number.intValue() > CURRENT) {
                throw new NewerFormat(path, number.intValue());
            }
        } catch (JsonException | ClassCastException notAnObject) {
            // not this check's business
        }
    }

    /** A file this release cannot read: it is left as it is, and the service does not start on it. */
    public static final class NewerFormat extends IllegalStateException {

        NewerFormat(Path path, int format) {
            super(path + " is in format " + format + ", written by a newer release of the Circuit Breaker Service; this "
                    + "release reads format " + CURRENT + " at most. Left untouched: upgrade again (or restore the "
                    + "backup taken with this release).");
        }
    }
}
