package circuitbreaker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The release bundle `mvn package` built (target/circuit-breaker-VERSION.tar.gz), and other releases made from it
 * the way a release is made: another version in VERSION and in the WAR's build.properties, and sums over it all.
 */
final class Bundle {

    private Bundle() {
    }

    /** The bundle this build made. */
    static Path built() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            List<Path> bundles = files.filter(f -> f.getFileName().toString().matches("circuit-breaker-.+\\.tar\\.gz"))
                    .toList();
            assertEquals(1, bundles.size(), "mvn package builds one bundle: " + bundles);
            return bundles.get(0).toAbsolutePath();
        }
    }

    /** The built bundle unpacked into {@code folder}, as release {@code version}, with its sums made again. */
    static Path asVersion(String version, Path folder) throws IOException {
        Files.createDirectories(folder);
        Command unpacked = Command.run(Map.of(), "tar", "-xzf", built().toString(), "-C", folder.toString(),
                "--strip-components=1");
        assertEquals(0, unpacked.exitCode(), unpacked.toString());
        String info = Files.readString(folder.resolve("VERSION")).replaceAll("(?m)^version=.*$", "version=" + version);
        Files.writeString(folder.resolve("VERSION"), info);
        try (FileSystem war = FileSystems.newFileSystem(URI.create("jar:" + folder.resolve("circuit-breaker.war").toUri()),
                Map.of())) {
            Files.writeString(war.getPath("WEB-INF/classes/circuitbreaker/build.properties"), info);
        }
        resum(folder);
        return folder;
    }

    /** SHA256SUMS over every file, as make-bundle.sh writes it. */
    static void resum(Path folder) {
        Command sums = Command.run(Map.of(), "bash", "-c", "cd '" + folder + "' && find . -type f ! -name SHA256SUMS "
                + "-printf '%P\\n' | LC_ALL=C sort | xargs -d '\\n' sha256sum >SHA256SUMS");
        assertEquals(0, sums.exitCode(), sums.toString());
    }
}
