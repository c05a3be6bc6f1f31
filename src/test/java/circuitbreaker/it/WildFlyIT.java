package circuitbreaker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import circuitbreaker.platform.Build;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same WAR, unchanged, on WildFly 35 (the distribution from Maven Central), deployed with WildFly's own CLI the
 * way a fleet admin does, on both of its Jakarta EE 10 profiles: with MicroProfile (Health, no Metrics) and the full
 * platform (neither). Every capability that needs only Jakarta EE works; the optional ones are simply off.
 */
class WildFlyIT {

    static final Path HOME = Path.of(System.getProperty("wildfly.home"));
    /** WildFly Preview: the same server on Jakarta EE 11 (Servlet 6.1, CDI 4.1, REST 4.0). */
    static final Path PREVIEW_HOME = Path.of(System.getProperty("wildfly.preview.home"));
    /** The ports of a standalone server, before the offset. */
    static final int[] PORTS = {8080, 8443, 9990, 9993, 8009, 3528, 3529, 4712, 4713};

    @TempDir
    Path work;

    @Test
    void withMicroProfileEveryCapabilityWorksAndTheHealthChecksJoinTheServers() throws Exception {
        try (WildFly server = WildFly.started(HOME, work, "standalone-microprofile.xml")) {
            server.deploy();
            Api api = server.api();
            servesTheApiThePageAndTheSocket(api, "Served by WildFly");
            theGateOpensAndCloses(api);
            aWindowOpensByItself(api);

            HttpResponse<String> ready = server.management("/health/ready");
            assertEquals(200, ready.statusCode(), ready.body());
            assertTrue(ready.body().contains("\"state-file\""), "the app's checks in WildFly's own: " + ready.body());
            server.startedWith("MicroProfile Metrics off, MicroProfile Health on");
            server.startedWith("the heartbeat is the scheduler"); // no EJB in this profile
            server.loggedNoError();
        }
    }

    @Test
    void onTheFullPlatformWithoutMicroProfileHealthTheWarDeploysCleanly() throws Exception {
        try (WildFly server = WildFly.started(HOME, work, "standalone-full.xml")) {
            server.deploy();
            servesTheApiThePageAndTheSocket(server.api(), "Served by WildFly Full");
            server.startedWith("MicroProfile Metrics off, MicroProfile Health off");
            server.startedWith("the heartbeat is the EJB timer");
            server.loggedNoError();
        }
    }

    /** The same EE 10 WAR on an EE 11 server: the fleets moving to EE 11 keep it too. */
    @Test
    void onJakartaEe11TheSameWarDeploysAndTheEjbTimerBeats() throws Exception {
        try (WildFly server = WildFly.started(PREVIEW_HOME, work, "standalone-full.xml")) {
            server.deploy();
            servesTheApiThePageAndTheSocket(server.api(), "Served by WildFly Preview on EE 11");
            theGateOpensAndCloses(server.api());
            server.startedWith("the heartbeat is the EJB timer");
            server.loggedNoError();
        }
    }

    static void servesTheApiThePageAndTheSocket(Api api, String message) throws Exception {
        JsonObject health = api.health();
        assertEquals("circuit-breaker", health.getString("service"), "the app's /health, at / without a deploy option");
        assertEquals(Build.CURRENT.version(), health.getString("version"));
        try (SocketClient socket = new SocketClient(api.base(), "/circuit-breaker/ws")) {
            socket.next("statusUpdate", Duration.ofSeconds(10));
            HttpResponse<String> posted = api.post("{\"message\":\"" + message + "\",\"countdown\":600}",
                    "Content-Type", "application/json");
            assertEquals(200, posted.statusCode(), "a loopback write: " + posted.body());
            assertEquals(message, socket.next("statusUpdate", Duration.ofSeconds(5)).data().getString("message"));
            long first = socket.next("countdownUpdate", Duration.ofSeconds(5)).data().getInt("countdown");
            long second = socket.next("countdownUpdate", Duration.ofSeconds(5)).data().getInt("countdown");
            assertTrue(second < first, "the timer ticks on WildFly too: " + first + " then " + second);
        }
        assertEquals(message, api.status().getString("message"));
        HttpResponse<String> page = api.get("/any/page");
        assertEquals(503, page.statusCode());
        assertTrue(page.body().contains(message), page.body());
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElseThrow().startsWith("default-src 'none'"));
        assertTrue(Long.parseLong(page.headers().firstValue("Retry-After").orElseThrow()) > 590);
    }

    static void theGateOpensAndCloses(Api api) {
        assertEquals(503, gate(api).statusCode(), "closed: the page itself");
        assertEquals(200, api.post("{\"isActive\":false,\"reopenSeconds\":0}", "Content-Type", "application/json")
                .statusCode());
        assertEquals(204, gate(api).statusCode(), "open");
    }

    static HttpResponse<String> gate(Api api) {
        return api.get("/api/maintenance/gate", "X-Forwarded-Uri", "/");
    }

    static void aWindowOpensByItself(Api api) throws Exception {
        long start = System.currentTimeMillis() + 3000;
        try (SocketClient socket = new SocketClient(api.base(), "/circuit-breaker/ws")) {
            socket.next("statusUpdate", Duration.ofSeconds(5));
            HttpResponse<String> made = api.send("/api/maintenance/windows", "POST", "{\"start\":" + start + ",\"end\":"
                    + (start + 60_000) + ",\"message\":\"A window on WildFly\"}", "Content-Type", "application/json");
            assertEquals(201, made.statusCode(), made.body());
            JsonObject opened = socket.next("statusUpdate", Duration.ofSeconds(8)).data();
            assertTrue(opened.getBoolean("isActive"), opened.toString());
            assertEquals("schedule", opened.getString("cause"));
            assertEquals("A window on WildFly", opened.getString("message"));
        }
    }

    /** One WildFly with a base folder of its own, on loopback, every port moved by one offset. */
    record WildFly(Path home, Process process, Path base, int offset) implements AutoCloseable {

        static WildFly started(Path home, Path work, String profile) throws Exception {
            Path base = work.resolve("standalone");
            copy(home.resolve("standalone"), base);
            int offset = freeOffset();
            ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/standalone.sh").toString(), "-c", profile,
                    "-b", "127.0.0.1", "-bmanagement", "127.0.0.1", "-Djboss.server.base.dir=" + base,
                    "-Djboss.socket.binding.port-offset=" + offset)
                    .redirectErrorStream(true).redirectOutput(work.resolve("console.log").toFile());
            // The app's settings reach it through the server's environment, where MicroProfile Config reads them:
            // only its own state file here, and no token (loopback writes), not the build's settings.
            builder.environment().keySet().removeIf(name -> name.startsWith("CIRCUIT_BREAKER_"));
            builder.environment().put("CIRCUIT_BREAKER_STATE_FILE", work.resolve("maintenance-status.json").toString());
            Process process = builder.start();
            process.getOutputStream().close();
            WildFly server = new WildFly(home, process, base, offset);
            Waits.await("WildFly to be running", Duration.ofSeconds(90),
                    () -> server.cli(":read-attribute(name=server-state)").out().contains("\"running\""));
            return server;
        }

        void deploy() {
            Command deployed = cli("deploy " + Path.of(System.getProperty("war.file")).toAbsolutePath());
            assertEquals(0, deployed.exitCode(), deployed.toString());
        }

        Command cli(String command) {
            return Command.run(Map.of("JAVA_OPTS", "-Xmx128m"), home.resolve("bin/jboss-cli.sh").toString(),
                    "--connect", "--controller=127.0.0.1:" + (9990 + offset), "--command=" + command);
        }

        Api api() {
            return new Api(URI.create("http://127.0.0.1:" + (8080 + offset) + "/"));
        }

        HttpResponse<String> management(String path) {
            return new Api(URI.create("http://127.0.0.1:" + (9990 + offset) + "/")).get(path);
        }

        String log() throws IOException {
            return Files.readString(base.resolve("log/server.log"));
        }

        void startedWith(String features) throws IOException {
            assertTrue(log().contains("Circuit Breaker Service " + Build.CURRENT + " starting on WildFly"), log());
            assertTrue(log().contains(features), "says what is on and off: " + features);
        }

        void loggedNoError() throws IOException {
            List<String> errors = log().lines().filter(line -> line.contains(" ERROR ")).toList();
            assertEquals(List.of(), errors, "the deployment log has no error");
            List<String> ours = log().lines().filter(line -> line.contains(" WARN ") && line.contains("circuit"))
                    .toList();
            assertEquals(List.of(), ours, "and no warning about the application");
        }

        @Override
        public void close() throws Exception {
            cli(":shutdown");
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }

        private static int freeOffset() {
            for (int offset = 21000; offset < 40000; offset += 100) {
                boolean free = true;
                for (int port : PORTS) {
                    try (ServerSocket probe = new ServerSocket(port + offset)) {
                        probe.setReuseAddress(true);
                    } catch (IOException taken) {
                        free = false;
                    }
                }
                if (free) {
                    return offset;
                }
            }
            throw new AssertionError("no free block of ports");
        }

        private static void copy(Path from, Path to) throws IOException {
            try (Stream<Path> files = Files.walk(from)) {
                for (Path file : files.toList()) {
                    Path target = to.resolve(from.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(file, target);
                    }
                }
            }
        }
    }
}
