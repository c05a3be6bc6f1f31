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
 * The release bundle `mvn package` built (target/circuit-breaker-VERSION.tar.gz, its sum beside it), and other
 * releases made from it the way a release is made: another version in VERSION and in the WAR's build.properties, sums
 * over it all, packed into a .tar.gz with its .sha256 beside it.
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

    /** Another release made from the built one: {@code version}, packed, with its sum beside it. */
    static Path asVersion(String version, Path folder) throws IOException {
        return pack(unpackedAs(version, folder));
    }

    /**
     * The built bundle unpacked into {@code folder}/circuit-breaker-VERSION as release {@code version}, its sums made
     * again: to change before {@link #pack}.
     */
    static Path unpackedAs(String version, Path folder) throws IOException {
        Path release = Files.createDirectories(folder.resolve("circuit-breaker-" + version));
        Command unpacked = Command.run(Map.of(), "tar", "-xzf", built().toString(), "-C", release.toString(),
                "--strip-components=1");
        assertEquals(0, unpacked.exitCode(), unpacked.toString());
        String info = Files.readString(release.resolve("VERSION")).replaceAll("(?m)^version=.*$", "version=" + version);
        Files.writeString(release.resolve("VERSION"), info);
        try (FileSystem war = FileSystems.newFileSystem(URI.create("jar:" + release.resolve("circuit-breaker.war").toUri()),
                Map.of())) {
            Files.writeString(war.getPath("WEB-INF/classes/circuitbreaker/build.properties"), info);
        }
        resum(release);
        return release;
    }

    /**
     * SHA256SUMS over everything but the folders, as make-bundle.sh writes it; a link is listed too, with the sum of
     * what it points at, so that only a look at what each entry is can refuse it.
     */
    static void resum(Path release) {
        Command sums = Command.run(Map.of(), "bash", "-c", "cd '" + release + "' && find . ! -type d ! -name SHA256SUMS "
                + "-printf '%P\\n' | LC_ALL=C sort | xargs -d '\\n' sha256sum >SHA256SUMS");
        assertEquals(0, sums.exitCode(), sums.toString());
    }

    /** The folder packed as make-bundle.sh packs it (one top folder), beside it, and its .sha256 beside that. */
    static Path pack(Path release) {
        String name = release.getFileName().toString();
        Path tarball = release.resolveSibling(name + ".tar.gz");
        Command packed = Command.run(Map.of(), "bash", "-c", "set -o pipefail; cd '" + release.getParent() + "' && "
                + "tar --sort=name --owner=0 --group=0 --numeric-owner -cf - '" + name + "' | gzip -1 >'" + name
                + ".tar.gz' && sha256sum '" + name + ".tar.gz' >'" + name + ".tar.gz.sha256'");
        assertEquals(0, packed.exitCode(), packed.toString());
        return tarball;
    }
}
