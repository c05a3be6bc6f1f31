package circuitbreaker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import circuitbreaker.platform.Build;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** scripts/circuit-breaker.sh as an operator uses it at 3 a.m.: predictable, explicit, loud when it fails. */
class ServiceScriptIT extends OwnServiceTest {


    /** The life of an instance: prepared beside the running service, which is left alone; the next start maps the archive. */
    @Test
    void startStatusPrepareRestartStop() throws Exception {
        service = new ServiceProcess(work, Map.of());
        Command started = service.script("start");
        assertEquals(0, started.exitCode(), started.toString());
        assertTrue(started.out().contains("started release " + Build.CURRENT.version() + " (") && started.out()
                .contains(" on port " + service.port), started.out());
        long firstPid = service.pid();
        String firstLine = ServiceProcess.lines(service.runDir.resolve("circuit-breaker-" + service.port + ".log"))
                .stream().filter(line -> line.contains("Circuit Breaker Service " + Build.CURRENT + " starting on"))
                .findFirst().orElseThrow();
        assertTrue(firstLine.contains("the heartbeat is the EJB timer"), "Payara Micro has EJB: " + firstLine);

        Command again = service.script("start");
        assertEquals(0, again.exitCode(), "starting a running service is fine: " + again);
        assertTrue(again.out().contains("already running"), again.out());
        assertEquals(firstPid, service.pid());

        Command status = service.script("status");
        assertEquals(0, status.exitCode());
        assertTrue(status.out().contains("running (pid " + firstPid), status.out());
        assertTrue(status.out().contains("\"service\":\"circuit-breaker\""), "prints /health: " + status.out());
        String host = Command.run(Map.of(), "hostname").out().strip();
        assertEquals(host + "-" + service.port, service.api().health().getString("instance"), "named by default");

        Command prepared = service.script("prepare");
        assertEquals(0, prepared.exitCode(), prepared.toString());
        assertTrue(prepared.out().contains("prepared in"), prepared.out());
        assertEquals(firstPid, service.pid(), "the running service is left alone");
        assertEquals(200, service.api().get("/health").statusCode());
        Path folder;
        try (Stream<Path> archives = Files.list(service.runDir)) {
            folder = archives.filter(p -> p.getFileName().toString().startsWith("cds-" + service.port + "-"))
                    .findFirst().orElseThrow();
        }
        // Java 25 and newer keep an AOT cache, older ones an AppCDS archive: the suite runs on the tests' Java.
        boolean aot = Runtime.version().feature() >= 25;
        Path archive = folder.resolve(aot ? "app.aot" : "classes.jsa");
        assertTrue(Files.size(archive) > 10_000_000, "an archive of Payara's classes: " + Files.size(archive));

        Command restarted = service.script("restart");
        assertEquals(0, restarted.exitCode(), restarted.toString());
        assertNotEquals(firstPid, service.pid());
        String commandLine = Files.readString(Path.of("/proc/" + service.pid() + "/cmdline")).replace('\0', ' ');
        assertTrue(commandLine.contains((aot ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + archive), commandLine);
        // Healthy means ready for good: no second deployment of a kept copy replacing the first a moment later.
        for (long until = System.nanoTime() + 4_000_000_000L; System.nanoTime() < until; Thread.sleep(50)) {
            assertEquals(200, service.api().get("/health").statusCode());
        }
        Command preparedAgain = service.script("prepare");
        assertEquals(0, preparedAgain.exitCode(), preparedAgain.toString());
        assertTrue(preparedAgain.out().contains("already prepared"), "kept while Payara and java stay: "
                + preparedAgain.out());

        long secondPid = service.pid();
        Command stopped = service.script("stop");
        assertEquals(0, stopped.exitCode());
        assertTrue(stopped.out().contains("stopped"));
        assertFalse(ProcessHandle.of(secondPid).map(ProcessHandle::isAlive).orElse(false), "the JVM is gone");
        assertFalse(Files.exists(service.runDir.resolve("circuit-breaker-" + service.port + ".pid")));
        assertEquals(3, service.script("status").exitCode(), "stopped is exit 3");
        assertEquals(0, service.script("stop").exitCode(), "stopping a stopped service is fine");
        // Two starts, a preparation, a restart and a stop on Payara Micro: nothing Payara or the service calls severe.
        assertEquals(List.of(), service.runLog().lines().filter(line -> line.contains("[SEVERE]")).toList());
    }

    @Test
    void aBusyPortIsRefusedWithAReason() throws Exception {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ServiceProcess other = new ServiceProcess(work, Map.of());
            other.environment.put("CIRCUIT_BREAKER_PORT", Integer.toString(squatter.getLocalPort()));
            Command refused = other.script("start");
            assertEquals(1, refused.exitCode(), refused.toString());
            assertTrue(refused.err().contains("port " + squatter.getLocalPort() + " is already in use"), refused.err());
        }
    }

    @Test
    void aServiceThatNeverTurnsHealthyIsStoppedNotLeftOnThePort() throws Exception {
        // A WAR that is not the breaker: Payara boots and answers, but never with the service's health (on a busy
        // machine it may still be booting when the time is up: stopped all the same).
        Path otherApp = work.resolve("other-app.war");
        try (ZipOutputStream war = new ZipOutputStream(Files.newOutputStream(otherApp))) {
            war.putNextEntry(new ZipEntry("index.html"));
            war.write("not the breaker".getBytes(StandardCharsets.UTF_8));
            war.closeEntry();
        }
        service = new ServiceProcess(work, Map.of("CIRCUIT_BREAKER_WAR", otherApp.toString(),
                "CIRCUIT_BREAKER_START_TIMEOUT", "12"));
        Command start = service.script("start");
        assertEquals(1, start.exitCode(), start.toString());
        assertTrue(start.err().contains("not healthy after 12s, so it was stopped"), start.err());
        assertFalse(Files.exists(service.runDir.resolve("circuit-breaker-" + service.port + ".pid")));
        Waits.await("the port to be free again", Duration.ofSeconds(10), () -> {
            try (java.net.Socket probe = new java.net.Socket()) {
                probe.connect(new java.net.InetSocketAddress("127.0.0.1", service.port), 1000);
                return false; // something still listens
            } catch (java.io.IOException refused) {
                return true;
            }
        });
    }

    @Test
    void aStalePidFileMeansStoppedAndIsCleanedUp() throws Exception {
        service = new ServiceProcess(work, Map.of());
        Files.createDirectories(service.runDir);
        Path pidFile = service.runDir.resolve("circuit-breaker-" + service.port + ".pid");
        Files.writeString(pidFile, "999999999\n");
        Command status = service.script("status");
        assertEquals(3, status.exitCode(), status.toString());
        assertTrue(status.out().contains("stopped"));
        assertFalse(Files.exists(pidFile), "the stale pid file is removed");
    }

    @Test
    void missingPartsAreNamedWithWhatToDo() throws Exception {
        service = new ServiceProcess(work, Map.of("CIRCUIT_BREAKER_WAR", "/nonexistent/circuit-breaker.war"));
        Command noWar = service.script("start");
        assertEquals(1, noWar.exitCode());
        assertTrue(noWar.err().contains("no WAR at /nonexistent/circuit-breaker.war: run 'mvn package' first"),
                noWar.err());
        ServiceProcess noJar = new ServiceProcess(work, Map.of("CIRCUIT_BREAKER_PAYARA_JAR", "/nonexistent/p.jar"));
        assertTrue(noJar.script("start").err().contains("no Payara Micro at /nonexistent/p.jar"));
        ServiceProcess badPort = new ServiceProcess(work, Map.of());
        badPort.environment.put("CIRCUIT_BREAKER_PORT", "http");
        assertTrue(badPort.script("start").err().contains("CIRCUIT_BREAKER_PORT must be a port number"));
        assertEquals(2, service.script("launch").exitCode(), "an unknown command is a usage error");
    }

    @Test
    void badWatcherGateOrBypassSettingsStopTheStartWithOneLine() throws Exception {
        Map<String, String> bad = Map.of(
                "CIRCUIT_BREAKER_WATCH_URL", "ftp://example.org/health",
                "CIRCUIT_BREAKER_WATCH_FAILURES", "0",
                "CIRCUIT_BREAKER_WATCH_SUCCESSES", "-1",
                "CIRCUIT_BREAKER_BYPASS_SECRET_FILE", work.resolve("no-such-secret").toString(),
                "CIRCUIT_BREAKER_BYPASS_SECRET", "short",
                "CIRCUIT_BREAKER_GATE_OPEN_PATHS", "/.well-known/,admin/");
        for (Map.Entry<String, String> setting : bad.entrySet()) {
            ServiceProcess refused = new ServiceProcess(work, Map.of(setting.getKey(), setting.getValue()));
            Command start = refused.script("start");
            assertEquals(1, start.exitCode(), setting + ": " + start);
            assertEquals(1, start.err().strip().lines().count(), "one line: " + start.err());
            assertTrue(start.err().contains(setting.getKey()), start.err());
            assertTrue(start.out().isEmpty(), start.out());
        }
    }

    @Test
    void aScopesFileWithAMistakeStopsTheStartAtOnceNamingTheLine() throws Exception {
        Path scopes = Files.writeString(work.resolve("scopes.json"), """
                [
                  {"name": "shop", "hosts": ["shop.example.test"]},
                  {"name": "admin", "paths": ["/admin/"]}
                ]
                """);
        service = new ServiceProcess(work, Map.of("CIRCUIT_BREAKER_SCOPES_FILE", scopes.toString()));
        long began = System.nanoTime();
        Command start = service.script("start");
        assertEquals(1, start.exitCode(), start.toString());
        assertTrue(start.err().contains("the service refused to start: The scopes file " + scopes + " cannot be used: "
                + "line 3: \"admin\" and \"shop\" overlap but neither lies inside the other"), start.err());
        assertTrue(System.nanoTime() - began < 60_000_000_000L, "at once, not after the start's timeout");
        assertFalse(Files.exists(service.runDir.resolve("circuit-breaker-" + service.port + ".pid")));
    }

    @Test
    void anOperatorsFileWithAMistakeStopsTheStartNamingEveryOne() throws Exception {
        Path operators = Files.writeString(work.resolve("operators.json"), """
                {"version": 2, "operators": [{"name": "ci-shop", "role": "admin", "scopes": ["shop"], "tokens": []}]}
                """);
        service = new ServiceProcess(work, Map.of("CIRCUIT_BREAKER_OPERATORS_FILE", operators.toString()));
        Command start = service.script("start");
        assertEquals(1, start.exitCode(), start.toString());
        assertTrue(start.err().contains("the service refused to start: The operators file " + operators + " cannot be "
                + "used: ci-shop: role must be viewer or operator, not 'admin'"), start.err());
        assertFalse(Files.exists(service.runDir.resolve("circuit-breaker-" + service.port + ".pid")));
    }
}
