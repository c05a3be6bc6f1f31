package circuitbreaker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same WAR, unchanged, on a full Payara Server 6 (the distribution from Maven Central), deployed with asadmin
 * the way a fleet admin does, with server-config/payara-server/ as its boot files. Listeners bound to loopback.
 */
class PayaraServerIT {

    @TempDir
    Path work;

    Command asadmin(String... arguments) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("payara.server.home"), "bin", "asadmin").toString()));
        command.addAll(List.of(arguments));
        return Command.run(Map.of("AS_EXTRA_JAVA_OPTS", "-Duser.home=" + work.resolve("home"),
                "HZ_PHONE_HOME_ENABLED", "false"), command);
    }

    /** A block of 100 ports with the ones a domain uses free. */
    static int portBase() throws Exception {
        for (int base = 21000; base < 30000; base += 100) {
            boolean free = true;
            for (int offset : new int[] {37, 38, 39, 48, 76, 80, 81, 86}) {
                try (ServerSocket probe = new ServerSocket(base + offset)) {
                    probe.setReuseAddress(true);
                } catch (java.io.IOException taken) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new AssertionError("no free port block");
    }

    @Test
    void theSameWarDeploysWithAsadminAndServesApiSocketAndPage() throws Exception {
        int base = portBase();
        Path domains = work.resolve("domains");
        Command created = asadmin("create-domain", "--portbase", Integer.toString(base), "--nopassword=true",
                "--domaindir", domains.toString(), "cb");
        assertEquals(0, created.exitCode(), created.toString());

        // The shipped boot files, plus (for this test only) every listener on loopback.
        Path pre = work.resolve("pre-boot.asadmin");
        StringBuilder commands = new StringBuilder(Files.readString(
                Path.of("server-config/payara-server/pre-boot-commands.asadmin")));
        for (String listener : List.of("http-listener-1", "http-listener-2", "admin-listener")) {
            commands.append("\nset configs.config.server-config.network-config.network-listeners.network-listener.")
                    .append(listener).append(".address=127.0.0.1");
        }
        for (String listener : List.of("orb-listener-1", "SSL", "SSL_MUTUALAUTH")) {
            commands.append("\nset configs.config.server-config.iiop-service.iiop-listener.").append(listener)
                    .append(".address=127.0.0.1");
        }
        commands.append("\nset configs.config.server-config.admin-service.jmx-connector.system.address=127.0.0.1\n");
        Files.writeString(pre, commands);

        Command started = asadmin("start-domain", "--domaindir", domains.toString(), "--prebootcommandfile",
                pre.toString(), "--postbootcommandfile",
                Path.of("server-config/payara-server/post-boot-commands.asadmin").toAbsolutePath().toString(), "cb");
        assertEquals(0, started.exitCode(), started.toString());
        try {
            String admin = Integer.toString(base + 48);
            Command deployed = asadmin("--host", "127.0.0.1", "--port", admin, "deploy", "--contextroot", "/",
                    "--name", "circuit-breaker", System.getProperty("war.file"));
            assertEquals(0, deployed.exitCode(), deployed.toString());

            Api api = new Api(URI.create("http://127.0.0.1:" + (base + 80) + "/"));
            JsonObject health = api.health();
            assertEquals("circuit-breaker", health.getString("service"), "the app's /health, not the server's");

            try (SocketClient socket = new SocketClient(api.base())) {
                socket.next("statusUpdate", Duration.ofSeconds(10));
                HttpResponse<String> posted = api.post("{\"message\":\"Served by Payara Server\",\"countdown\":600}",
                        "Content-Type", "application/json");
                assertEquals(200, posted.statusCode(), "a loopback write: " + posted.body());
                assertEquals("Served by Payara Server",
                        socket.next("statusUpdate", Duration.ofSeconds(5)).data().getString("message"));
                long first = socket.next("countdownUpdate", Duration.ofSeconds(5)).data().getInt("countdown");
                long second = socket.next("countdownUpdate", Duration.ofSeconds(5)).data().getInt("countdown");
                assertTrue(second < first, "the timer ticks on Server too: " + first + " then " + second);
            }
            assertEquals("Served by Payara Server", api.status().getString("message"));

            HttpResponse<String> page = api.get("/any/page");
            assertEquals(503, page.statusCode());
            assertTrue(page.body().contains("Served by Payara Server"));
            assertTrue(Long.parseLong(page.headers().firstValue("Retry-After").orElseThrow()) > 590);
            assertEquals("UP", Api.json(api.get("/mp-health/ready")).getString("status"));
            assertTrue(api.get("/mp-metrics").body().contains("circuitbreaker_updates_accepted_total"));
            String log = Files.readString(domains.resolve("cb/logs/server.log"));
            assertTrue(log.contains("the heartbeat is the EJB timer"), "Payara Server has EJB");
            assertEquals(List.of(), log.lines().filter(line -> line.contains("[SEVERE]")).toList(),
                    "a deployment and its use on Payara Server: nothing called severe");
        } finally {
            asadmin("stop-domain", "--domaindir", domains.toString(), "cb");
        }
    }
}
