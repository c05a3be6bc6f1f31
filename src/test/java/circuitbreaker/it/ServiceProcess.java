package circuitbreaker.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The service as an operator runs it: scripts/circuit-breaker.sh, on its own port, state file and run folder. */
final class ServiceProcess {

    final int port;
    final Path runDir;
    final Map<String, String> environment;
    private final Api api;

    ServiceProcess(Path workDir, Map<String, String> extraEnvironment) throws IOException {
        this.port = freePort();
        this.runDir = workDir.resolve("run");
        this.environment = new java.util.HashMap<>(extraEnvironment);
        environment.put("CIRCUIT_BREAKER_PORT", Integer.toString(port));
        environment.put("CIRCUIT_BREAKER_RUN_DIR", runDir.toString());
        environment.putIfAbsent("CIRCUIT_BREAKER_STATE_FILE", workDir.resolve("maintenance-status.json").toString());
        // Ending maintenance opens the site at once: a reopening only where a test asks for one (ReopeningIT).
        environment.putIfAbsent("CIRCUIT_BREAKER_REOPEN_SECONDS", "0");
        api = new Api(URI.create("http://127.0.0.1:" + port + "/"));
    }

    Api api() {
        return api;
    }

    Path stateFile() {
        return Path.of(environment.get("CIRCUIT_BREAKER_STATE_FILE"));
    }

    /** The copy of the page it keeps while maintenance is on, for a front without a cache (Caddy). */
    Path pageCopy() {
        return stateFile().resolveSibling("maintenance-page.html");
    }

    /** Runs scripts/circuit-breaker.sh with this instance's settings. */
    Command script(String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of("bash", "scripts/circuit-breaker.sh"));
        command.addAll(List.of(arguments));
        return Command.run(environment, command);
    }

    /** {@code start}, which returns once the service is healthy: anything else fails the test with the script's output. */
    void start() {
        Command started = script("start");
        if (started.exitCode() != 0) {
            throw new AssertionError("scripts/circuit-breaker.sh start: " + started);
        }
    }

    long pid() throws IOException {
        return Long.parseLong(Files.readString(runDir.resolve("circuit-breaker-" + port + ".pid")).strip());
    }

    /** kill -9: no shutdown hook, no flush, nothing graceful. */
    void crash() throws Exception {
        ProcessHandle jvm = ProcessHandle.of(pid()).orElseThrow();
        new ProcessBuilder("kill", "-9", Long.toString(jvm.pid())).start().waitFor();
        jvm.onExit().get(30, TimeUnit.SECONDS);
    }

    /** SIGSTOP: the process holds its port and accepts connections, but answers nothing. */
    void freeze() throws Exception {
        signal("STOP");
    }

    void thaw() throws Exception {
        signal("CONT");
    }

    private void signal(String name) throws Exception {
        new ProcessBuilder("kill", "-" + name, Long.toString(pid())).start().waitFor();
    }

    /** Everything the service logged so far. */
    String runLog() throws IOException {
        return Files.readString(runDir.resolve("circuit-breaker-" + port + ".log"));
    }

    void stopQuietly() {
        script("stop");
    }

    /**
     * A port nothing listens on, below Linux's ephemeral range (32768 and up): a port the kernel hands out for
     * {@code bind(0)} is one it may also give any outgoing connection, of this test class or of the one running beside
     * it, before the server it was meant for binds it. Below the shared boot's 16971, and the port blocks that
     * PayaraServerIT and WildFlyIT take from 21000 on.
     */
    static int freePort() throws IOException {
        for (int tries = 0; tries < 100; tries++) {
            int port = java.util.concurrent.ThreadLocalRandom.current().nextInt(10_000, 16_900);
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new java.net.InetSocketAddress("0.0.0.0", port));
                return port;
            } catch (java.net.BindException taken) {
                // try another
            }
        }
        throw new IOException("no free port between 10000 and 16900");
    }

    static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file);
    }
}
