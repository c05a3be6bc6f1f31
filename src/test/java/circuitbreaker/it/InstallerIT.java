package circuitbreaker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/install-circuit-breaker.sh into a staging root (as root, like a real install: it creates a system user
 * in the staging root's /etc and sets owners), then the installed unit through systemd-analyze.
 */
class InstallerIT {

    @TempDir
    Path root;

    @BeforeEach
    void mustBeRoot() {
        assertEquals("root", System.getProperty("user.name"),
                "the installer lays out owners and a system user: run the tests as root (CI does)");
    }

    Command install(String... extra) {
        List<String> command = new java.util.ArrayList<>(List.of("bash", "scripts/install-circuit-breaker.sh",
                "--root", root.toString()));
        command.addAll(List.of(extra));
        return Command.run(Map.of(), command);
    }

    @Test
    void laysOutTheServiceWithItsModesOwnersAndUser() throws Exception {
        Command installed = install();
        assertEquals(0, installed.exitCode(), installed.toString());

        String passwd = Files.readString(root.resolve("etc/passwd"));
        Matcher user = Pattern.compile("(?m)^circuit-breaker:x:(\\d+):(\\d+):[^:]*:/var/lib/circuit-breaker:/usr/sbin/nologin$")
                .matcher(passwd);
        assertTrue(user.find(), "a system user with no shell: " + passwd);
        int uid = Integer.parseInt(user.group(1));
        int gid = Integer.parseInt(user.group(2));
        assertTrue(uid < 1000, "a system uid: " + uid);

        expect("opt/circuit-breaker/circuit-breaker.war", "rw-r--r--", 0, 0);
        expect("opt/circuit-breaker/payara-micro.jar", "rw-r--r--", 0, 0);
        expect("opt/circuit-breaker/scripts/circuit-breaker.sh", "rwxr-xr-x", 0, 0);
        expect("opt/circuit-breaker/scripts/circuit-breaker-status.sh", "rwxr-xr-x", 0, 0);
        expect("opt/circuit-breaker/server-config/pre-boot-commands.asadmin", "rw-r--r--", 0, 0);
        expect("opt/circuit-breaker/server-config/payara-server", "rwxr-xr-x", 0, 0);
        expect("opt/circuit-breaker/server-config/payara-server/pre-boot-commands.asadmin", "rw-r--r--", 0, 0);
        expect("opt/circuit-breaker/docs/operations.md", "rw-r--r--", 0, 0);
        expect("etc/systemd/system/circuit-breaker.service", "rw-r--r--", 0, 0);
        expect("etc/circuit-breaker", "rwxr-x---", 0, gid);
        expect("etc/circuit-breaker/token", "rw-r-----", 0, gid);
        expect("etc/circuit-breaker/webhooks.json", "rw-r-----", 0, gid);
        assertEquals("[]", Files.readString(root.resolve("etc/circuit-breaker/webhooks.json")).strip(),
                "no receivers until an operator names them");
        expect("etc/circuit-breaker/circuit-breaker.env", "rw-r-----", 0, gid);
        expect("var/lib/circuit-breaker", "rwxr-x---", uid, gid);
        assertEquals(Path.of("/opt/circuit-breaker/scripts/circuit-breaker-status.sh"),
                Files.readSymbolicLink(root.resolve("usr/local/bin/circuit-breaker-status")));
        assertEquals(Path.of("/opt/circuit-breaker/scripts/circuit-breaker.sh"),
                Files.readSymbolicLink(root.resolve("usr/local/bin/circuit-breaker")));
        assertTrue(Files.readString(root.resolve("etc/circuit-breaker/token")).matches("[A-Za-z0-9]{40,}"));
        String unit = Files.readString(root.resolve("etc/systemd/system/circuit-breaker.service"));
        assertTrue(unit.contains("ExecStart=/opt/circuit-breaker/scripts/circuit-breaker.sh start"), unit);
        assertFalse(unit.contains("@PREFIX@"));
    }

    @Test
    void runningTwiceIsSafeAndKeepsTokenSettingsAndState() throws Exception {
        assertEquals(0, install().exitCode());
        String token = Files.readString(root.resolve("etc/circuit-breaker/token"));
        Path env = root.resolve("etc/circuit-breaker/circuit-breaker.env");
        Files.writeString(env, "CIRCUIT_BREAKER_PORT=7000\n");
        Path state = root.resolve("var/lib/circuit-breaker/maintenance-status.json");
        Files.writeString(state, "{\"kept\":true}\n");
        String passwd = Files.readString(root.resolve("etc/passwd"));

        Command again = install();
        assertEquals(0, again.exitCode(), again.toString());
        assertEquals(token, Files.readString(root.resolve("etc/circuit-breaker/token")));
        assertEquals("CIRCUIT_BREAKER_PORT=7000\n", Files.readString(env), "an operator's settings survive");
        assertEquals("{\"kept\":true}\n", Files.readString(state));
        assertEquals(passwd, Files.readString(root.resolve("etc/passwd")), "no second user");
        try (Stream<Path> leftovers = Files.list(root.resolve("opt"))) {
            assertEquals(List.of(root.resolve("opt/circuit-breaker")), leftovers.toList(), "no half-copied trees");
        }
    }

    @Test
    void uninstallRemovesEverythingButTheState() throws Exception {
        assertEquals(0, install().exitCode());
        Path state = root.resolve("var/lib/circuit-breaker/maintenance-status.json");
        Files.writeString(state, "{\"kept\":true}\n");

        Command removed = install("--uninstall");
        assertEquals(0, removed.exitCode(), removed.toString());
        for (String gone : List.of("opt/circuit-breaker", "etc/systemd/system/circuit-breaker.service",
                "etc/circuit-breaker", "usr/local/bin/circuit-breaker", "usr/local/bin/circuit-breaker-status")) {
            assertFalse(Files.exists(root.resolve(gone), LinkOption.NOFOLLOW_LINKS), gone + " is removed");
        }
        assertFalse(Files.readString(root.resolve("etc/passwd")).contains("circuit-breaker:"), "the user is removed");
        assertEquals("{\"kept\":true}\n", Files.readString(state), "the state stays");
        assertTrue(removed.out().contains("the state stays"));
    }

    @Test
    void theInstalledUnitIsHardenedAndVerifiesClean() throws Exception {
        assertEquals(0, install().exitCode());
        Path unit = root.resolve("etc/systemd/system/circuit-breaker.service");

        Command security = Command.run(Map.of(), "systemd-analyze", "security", "--offline=true", "--no-pager",
                unit.toString());
        Matcher score = Pattern.compile("Overall exposure level for circuit-breaker.service: (\\d+\\.\\d+)")
                .matcher(security.out());
        assertTrue(score.find(), security.toString());
        double exposure = Double.parseDouble(score.group(1));
        assertTrue(exposure <= 1.5, "exposure " + exposure + " (the original unit scores 8.5)");
        for (String directive : List.of("Restart=always", "LimitNOFILE=65536", "StateDirectory=circuit-breaker",
                "StandardOutput=journal", "MemoryMax=")) {
            assertTrue(Files.readString(unit).contains(directive), directive);
        }
        assertFalse(Files.readString(unit).contains("\nMemoryDenyWriteExecute=yes"), "it would break the JIT");
        assertTrue(Files.readString(root.resolve("opt/circuit-breaker/scripts/circuit-breaker.sh"))
                .contains("-Xmx"), "the heap is bounded");

        copySystemUnits();
        Command verify = Command.run(Map.of(), "systemd-analyze", "verify", "--root=" + root,
                "circuit-breaker.service");
        assertEquals(0, verify.exitCode(), verify.toString());
        assertEquals("", verify.err().strip(), "verify is clean: " + verify.err());
    }

    /** systemd-analyze verify --root resolves targets such as multi-user.target inside the root. */
    private void copySystemUnits() throws IOException {
        Path units = Path.of("/usr/lib/systemd/system");
        Path target = root.resolve("usr/lib/systemd/system");
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(units)) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName().toString()), LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    private void expect(String path, String mode, int uid, int gid) throws IOException {
        Path file = root.resolve(path);
        assertEquals(mode, PosixFilePermissions.toString(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)),
                path);
        assertEquals(uid, Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS), path + " owner");
        assertEquals(gid, Files.getAttribute(file, "unix:gid", LinkOption.NOFOLLOW_LINKS), path + " group");
    }
}
