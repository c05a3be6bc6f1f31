package circuitbreaker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * circuit-breaker-status deploy (SPEC §19) as a deploy pipeline runs it, against StatusCommandIT's service: a real
 * site process whose "deploy" the COMMAND runs (it answers 500s while it is deployed), the shipped nginx in front for
 * the visitors' view, a webhook receiver for the team, real signals to the CLI.
 */
final class DeployChecks {

    static final String SECRET = "deploy-bypass-0123456789";
    static final Duration SOON = Duration.ofSeconds(15);

    private final ServiceProcess service;
    private final MainSite.Running site;
    private final GatedProxy nginx;
    private final Receivers receivers;

    /** @param receivers where the team's receiver, /team, takes deploy.failed */
    DeployChecks(ServiceProcess service, MainSite.Running site, GatedProxy nginx, Receivers receivers) {
        this.service = service;
        this.site = site;
        this.nginx = nginx;
        this.receivers = receivers;
    }

    /** The COMMAND of a deploy that takes the site down for a few seconds and brings it back (or not). */
    String siteDeploy(int seconds, boolean comesBack) {
        String mode = "curl -fs -o /dev/null http://127.0.0.1:" + site.port + "/__mode/";
        return mode + "failing && echo deploying && sleep " + seconds + (comesBack ? " && " + mode + "healthy" : "")
                + " && echo deployed";
    }

    /** The visitors' view through nginx: the page or the site. */
    boolean visitorsGetThePage() {
        return GateIT.isPage(nginx.api().get("/"));
    }

    /**
     * A deploy that stops the site's process and starts it again (the new one's pid in {@code restarted}), as a
     * release does: the page while it is down, the site once it answers.
     */
    void aDeployClosesRunsVerifiesBehindTheBypassAndReopens(java.nio.file.Path restarted) throws Exception {
        site.mode("healthy");
        String secret = StatusCommandIT.secretFile().toString();
        long pid = site.pid();
        String restart = "kill -TERM " + pid + "; while kill -0 " + pid + " 2>/dev/null; do sleep 0.1; done;"
                + " echo deploying; sleep 2; " + String.join(" ", MainSite.Running.commandLine(site.port).stream()
                .map(a -> "'" + a + "'").toList()) + " >/dev/null 2>&1 & echo $! >" + restarted + ";"
                + " until curl -fs -o /dev/null http://127.0.0.1:" + site.port + "/health; do sleep 0.2; done;"
                + " echo deployed";
        CompletableFuture<Command> deploy = CompletableFuture.supplyAsync(() -> StatusCommandIT.cli("deploy",
                "--message", "A new release is on its way", "--countdown", "120", "--reopen", "0", "--json",
                "--verify", nginx.uri() + "health", "--bypass-secret-file", secret, "--", "bash", "-c", restart));
        Waits.await("visitors to get the page while the deploy runs", SOON, this::visitorsGetThePage);
        assertEquals("A new release is on its way", service.api().status().getString("message"));
        Command done = deploy.get(60, TimeUnit.SECONDS);
        assertEquals(0, done.exitCode(), done.toString());
        assertTrue(done.out().contains("deploying\ndeployed\n"), "the command's own output passes: " + done.out());
        JsonObject summary = summary(done);
        assertEquals("reopened", summary.getString("outcome"));
        assertEquals(0, summary.getInt("exitCode"));
        assertEquals("site", summary.getString("scope"));
        assertTrue(summary.getJsonObject("seconds").getJsonNumber("command").doubleValue() >= 2, summary.toString());
        assertEquals(service.api().status().getJsonNumber("version"), summary.getJsonNumber("version"));
        Waits.await("visitors to reach the site", SOON, () -> GateIT.fromSite(nginx.api().get("/")));
        List<String> steps = new ArrayList<>();
        JsonObject history = Api.json(service.api().get("/api/maintenance/history?limit=2"));
        history.getJsonArray("entries").getValuesAs(JsonObject.class).forEach(e -> steps.add(e.getString("cause")
                + " " + e.getString("deploy") + " " + e.getBoolean("isActive")));
        assertEquals(List.of("deploy finished false", "deploy started true"), steps, "the timeline, newest first");
    }

    void aFailedCommandOrASiteThatStaysDownLeavesItClosedAndTellsTheTeam() throws Exception {
        site.mode("healthy");
        int told = receivers.at("/team").size(); // other tests' deploys may have failed before
        Command failed = StatusCommandIT.cli("deploy", "--countdown", "60", "--failure-message",
                "The release takes longer than planned", "--verify", "http://127.0.0.1:" + site.port + "/health",
                "--", "bash", "-c", "echo migrating; exit 3");
        assertEquals(6, failed.exitCode(), failed.toString());
        assertTrue(failed.err().contains("deploy failed: bash exited with 3"), failed.err());
        assertTrue(failed.err().contains("circuit-breaker-status deploy --resume"), "how to go on: " + failed.err());
        JsonObject status = service.api().status();
        assertTrue(status.getBoolean("isActive"), "it stays closed");
        assertEquals("The release takes longer than planned", status.getString("message"));
        assertEquals("failed", status.getString("deploy"));
        assertTrue(status.getInt("countdown") > 55, "the countdown starts again: " + status);
        JsonObject notice = receivers.await("/team", told + 1, SOON).get(told).json();
        assertEquals("deploy.failed", notice.getString("type"));
        assertEquals("The release takes longer than planned", notice.getJsonObject("data").getString("message"));

        Command down = StatusCommandIT.cli("deploy", "--timeout", "3", "--json", "--verify",
                "http://127.0.0.1:" + site.port + "/health", "--", "bash", "-c", siteDeploy(0, false));
        assertEquals(7, down.exitCode(), down.toString());
        assertEquals("not_healthy", summary(down)
                .getString("outcome"));
        assertTrue(service.api().status().getBoolean("isActive"), "the crowd is not sent to a broken site");
        assertEquals(told + 2, receivers.await("/team", told + 2, SOON).size(), "the team hears of each");
        site.mode("healthy");
    }

    void aTerminatedDeployStaysClosedAndResumeFinishesIt() throws Exception {
        site.mode("healthy");
        List<String> command = new ArrayList<>(List.of("bash", "scripts/circuit-breaker-status.sh", "deploy",
                "--countdown", "300", "--verify", "http://127.0.0.1:" + site.port + "/health", "--", "sleep", "60"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("CIRCUIT_BREAKER_"));
        builder.environment().putAll(Map.of("CIRCUIT_BREAKER_PORT", Integer.toString(service.port),
                "CIRCUIT_BREAKER_TOKEN", StatusCommandIT.TOKEN));
        Process cli = builder.start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try (var stream = cli.getInputStream()) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Waits.await("the deploy to close the site", SOON, () -> "started".equals(service.api().status()
                .getString("deploy", "")));
        Waits.await("its command to run", SOON, () -> cli.descendants().anyMatch(p -> p.info().command()
                .map(c -> c.endsWith("sleep")).orElse(false)));
        List<ProcessHandle> running = cli.descendants().toList();
        // SIGTERM, as a cancelled CI job sends it (Process.destroy would close the output too).
        assertEquals(0, new ProcessBuilder("kill", "-TERM", Long.toString(cli.pid())).start().waitFor());
        assertTrue(cli.waitFor(20, TimeUnit.SECONDS));
        String said = output.get(5, TimeUnit.SECONDS);
        assertEquals(8, cli.exitValue(), said);
        assertTrue(said.contains("interrupted while running sleep"), said);
        Waits.await("the command to be stopped with it", SOON,
                () -> running.stream().noneMatch(ProcessHandle::isAlive));
        assertTrue(service.api().status().getBoolean("isActive"), "it stays closed");

        Command resumed = StatusCommandIT.cli("deploy", "--resume", "--verify",
                "http://127.0.0.1:" + site.port + "/health");
        assertEquals(0, resumed.exitCode(), resumed.toString());
        JsonObject status = service.api().status();
        assertEquals(false, status.getBoolean("isActive"));
        assertEquals("finished", status.getString("deploy"));
        assertEquals("deploy", status.getString("cause"));
    }

    void aScopesDeployWaitsForItsWatchedUrlAndLeavesTheRestAlone() throws Exception {
        site.mode("healthy");
        JsonObject before = service.api().status();
        Command deploy = StatusCommandIT.cli("deploy", "--scope", "api", "--message", "The API moves", "--countdown",
                "60", "--json", "--", "bash", "-c", siteDeploy(2, true));
        assertEquals(0, deploy.exitCode(), deploy.toString());
        JsonObject summary = summary(deploy);
        assertEquals("api", summary.getString("scope"));
        assertEquals("reopened", summary.getString("outcome"));
        assertTrue(summary.getJsonObject("seconds").getJsonNumber("verify").doubleValue() >= 0, summary.toString());
        JsonObject api = Api.json(service.api().get("/api/maintenance/scopes/api/status"));
        assertEquals(false, api.getBoolean("isActive"));
        assertEquals("finished", api.getString("deploy"));
        assertEquals("The API moves", api.getString("message"));
        assertEquals(before.getJsonNumber("version"), service.api().status().getJsonNumber("version"),
                "the whole site was left alone");
    }

    void badDeploysAreRefusedBeforeAnythingCloses() throws IOException {
        long version = service.api().status().getJsonNumber("version").longValue();
        for (List<String> bad : List.of(List.of("deploy", "--verify", "http://127.0.0.1:9/health"),
                List.of("deploy", "--end", "--", "true"), List.of("deploy", "--resume", "--", "true"),
                List.of("--verify", "http://127.0.0.1:9/health"),
                List.of("deploy", "--verify", "ftp://x", "--", "true"),
                List.of("deploy", "--", "true"))) {
            Command refused = StatusCommandIT.cli(bad.toArray(String[]::new));
            assertEquals(2, refused.exitCode(), bad + ": " + refused);
        }
        HttpResponse<String> now = service.api().get("/api/maintenance/status");
        assertEquals(version, Api.json(now).getJsonNumber("version").longValue(), "nothing was changed");
    }

    /** The deploy's JSON summary: the last line of its output (--json), after the command's own. */
    static JsonObject summary(Command deploy) {
        return Api.json(deploy.out().strip().lines().reduce((first, last) -> last).orElseThrow());
    }
}
