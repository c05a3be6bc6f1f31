package circuitbreaker.platform;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Which release this is: the version and the commit it was built from, as the build wrote them into
 * {@code circuitbreaker/build.properties}. Shown by /health, the console, the OpenAPI document and the log.
 */
@JsonbPropertyOrder({"version", "commit"})
public record Build(String version, String commit) {

    public static final Build CURRENT = read();

    private static Build read() {
        Properties properties = new Properties();
        try (InputStream in = Build.class.getResourceAsStream("/circuitbreaker/build.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("build.properties is part of the WAR", e);
        }
        return new Build(properties.getProperty("version", "unknown"), properties.getProperty("commit", "unknown"));
    }

    @Override
    public String toString() {
        return version + " (" + commit + ")";
    }
}
