package circuitbreaker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import circuitbreaker.platform.Build;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/circuit-breaker-status.sh against a live service that requires a token, as a deploy script uses it. */
class StatusCommandIT {

    static final String TOKEN = "cli-token-" + System.nanoTime();

    @TempDir
    static Path work;

    static ServiceProcess service;
    static MainSite.Running site;
    static GatedProxy nginx;
    static Receivers receivers;
    static DeployChecks deploys;
    static OperatorChecks operators;

    @BeforeAll
    static void start() throws Exception {
        receivers = new Receivers();
        String team = receivers.receiver("/team", n -> 204);
        String told = receivers.receiver("/operators", n -> 204);
        Path hooks = Files.writeString(work.resolve("webhooks.json"), "[" + WebhooksIT.hook(team, "deploy.failed", null)
                + "," + WebhooksIT.hook(told, "maintenance.opened", null) + "]");
        site = new MainSite.Running(ServiceProcess.freePort()).start();
        Path scopes = Files.writeString(work.resolve("scopes.json"), "[{\"name\": \"api\", \"hosts\": "
                + "[\"api.example.test\"], \"watchUrl\": \"http://127.0.0.1:" + site.port + "/health\"},"
                + " {\"name\": \"shop\", \"hosts\": [\"shop.example.test\"]}]");
        Path operatorsFile = work.resolve("operators.json");
        service = new ServiceProcess(work, Map.of("CIRCUIT_BREAKER_TOKEN", TOKEN,
                "CIRCUIT_BREAKER_BYPASS_SECRET", DeployChecks.SECRET, "CIRCUIT_BREAKER_WEBHOOKS_FILE", hooks.toString(),
                "CIRCUIT_BREAKER_SCOPES_FILE", scopes.toString(), "CIRCUIT_BREAKER_OPERATORS_FILE",
                operatorsFile.toString()));
        service.start();
        nginx = GatedProxy.nginx(work, site.port, service.port);
        deploys = new DeployChecks(service, site, nginx, receivers);
        operators = new OperatorChecks(service, operatorsFile, receivers);
    }

    @AfterAll
    static void stop() throws Exception {
        if (Files.exists(restarted())) { // the site a deploy started again
            ProcessHandle.of(Long.parseLong(Files.readString(restarted()).strip())).ifPresent(ProcessHandle::destroy);
        }
        for (AutoCloseable part : new AutoCloseable[] {nginx, site, receivers}) {
            if (part != null) {
                part.close();
            }
        }
        service.stopQuietly();
    }

    static Path restarted() {
        return work.resolve("restarted-site.pid");
    }

    /** The bypass secret as a deploy pipeline keeps it: a file only it reads. */
    static Path secretFile() throws java.io.IOException {
        Path file = work.resolve("bypass-secret");
        return Files.exists(file) ? file : Files.writeString(file, DeployChecks.SECRET + "\n");
    }

    @Test
    void aDeployClosesRunsVerifiesBehindTheBypassAndReopens() throws Exception {
        deploys.aDeployClosesRunsVerifiesBehindTheBypassAndReopens(restarted());
    }

    @Test
    void aFailedCommandOrASiteThatStaysDownLeavesItClosedAndTellsTheTeam() throws Exception {
        deploys.aFailedCommandOrASiteThatStaysDownLeavesItClosedAndTellsTheTeam();
    }

    @Test
    void aTerminatedDeployStaysClosedAndResumeFinishesIt() throws Exception {
        deploys.aTerminatedDeployStaysClosedAndResumeFinishesIt();
    }

    @Test
    void aScopesDeployWaitsForItsWatchedUrlAndLeavesTheRestAlone() throws Exception {
        deploys.aScopesDeployWaitsForItsWatchedUrlAndLeavesTheRestAlone();
    }

    @Test
    void badDeploysAreRefusedBeforeAnythingCloses() throws Exception {
        deploys.badDeploysAreRefusedBeforeAnythingCloses();
    }

    @Test
    void aViewerReadsAndAnOperatorChangesOnlyItsScopesEachChangeSigned() throws Exception {
        operators.aViewerReadsAndAnOperatorChangesOnlyItsScopesEachChangeSigned();
    }

    @Test
    void aRevokedTokenStopsWithin2sAndRotationKeepsTheOldOneUntilRevoked() throws Exception {
        operators.aRevokedTokenStopsWithin2sAndRotationKeepsTheOldOneUntilRevoked();
    }

    @Test
    void aBrokenOperatorsFileKeepsTheLastGoodOneAndSaysWhy() throws Exception {
        operators.aBrokenOperatorsFileKeepsTheLastGoodOneAndSaysWhy();
    }

    /** The CLI as an operator with the token in the environment runs it. */
    static Command cli(String... arguments) {
        return cliWith(Map.of("CIRCUIT_BREAKER_TOKEN", TOKEN), arguments);
    }

    static Command cliWith(Map<String, String> extra, String... arguments) {
        Map<String, String> environment = new HashMap<>(extra);
        environment.put("CIRCUIT_BREAKER_PORT", Integer.toString(service.port));
        List<String> command = new ArrayList<>(List.of("bash", "scripts/circuit-breaker-status.sh"));
        command.addAll(List.of(arguments));
        return Command.run(environment, command);
    }

    @Test
    void awkwardTextsRoundTripExactly() {
        String message = "-Leading dash, \"quotes\", 'single', back\\slash, $HOME, `cmd`, $(rm -rf /), tab\t, new\nline 🦄💖";
        String issue = "--looks-like-an-option";
        Command update = cli("--message", message, "--issue", issue);
        assertEquals(0, update.exitCode(), update.toString());
        JsonObject status = service.api().status();
        assertEquals(message, status.getString("message"));
        assertEquals(issue, status.getString("currentIssue"));
        Command json = cli("--json");
        assertEquals(message, Api.json(json.out()).getString("message"));
    }

    @Test
    void equalsFormWorksForTexts() {
        assertEquals(0, cli("--message=a=b=c").exitCode());
        assertEquals("a=b=c", service.api().status().getString("message"));
    }

    @Test
    void timeAndCountdownSetTheEnd() {
        assertEquals(0, cli("--time", "15").exitCode());
        long countdown = service.api().status().getJsonNumber("countdown").longValue();
        assertTrue(countdown > 890 && countdown <= 900, "15 minutes: " + countdown);
        assertEquals(0, cli("--countdown", "90").exitCode());
        countdown = service.api().status().getJsonNumber("countdown").longValue();
        assertTrue(countdown > 85 && countdown <= 90, "90 seconds: " + countdown);
    }

    @Test
    void statusPrintsAReadableSummaryAndJsonTheServicesAnswer() {
        cli("--message", "Summary please", "--countdown", "600");
        Command summary = cli("--status");
        assertEquals(0, summary.exitCode());
        assertTrue(summary.out().contains("Maintenance:   ON"), summary.out());
        assertTrue(summary.out().contains("Message:       Summary please"), summary.out());
        assertTrue(summary.out().matches("(?s).*Remaining:     (09:5\\d|10:00) \\(until .*"), summary.out());
        Command json = cli("--json");
        assertEquals(0, json.exitCode());
        assertEquals("Summary please", Api.json(json.out()).getString("message"));
    }

    @Test
    void endTurnsMaintenanceOffAndAnyChangeTurnsItOn() {
        assertEquals(0, cli("--end").exitCode());
        assertFalse(service.api().status().getBoolean("isActive"));
        assertTrue(cli("--status").out().contains("Maintenance:   off"));
        assertEquals(0, cli("--message", "On again").exitCode());
        assertTrue(service.api().status().getBoolean("isActive"));
    }

    @Test
    void theTokenCanComeFromAFile() throws Exception {
        Path file = Files.writeString(work.resolve("token"), TOKEN + "\n");
        Command update = cliWith(Map.of(), "--token-file", file.toString(), "--message", "From the token file");
        assertEquals(0, update.exitCode(), update.toString());
        assertEquals("From the token file", service.api().status().getString("message"));
    }

    @Test
    void aWrongOrMissingTokenIsRefusedWithExit4() {
        service.api().post("{\"message\":\"Unchanged\"}", "Content-Type", "application/json", "Authorization",
                "Bearer " + TOKEN);
        Command wrong = cliWith(Map.of("CIRCUIT_BREAKER_TOKEN", "wrong"), "--message", "Defaced");
        assertEquals(4, wrong.exitCode(), wrong.toString());
        assertTrue(wrong.err().contains("refused") && wrong.err().contains("--token-file"), wrong.err());
        Command none = cliWith(Map.of(), "--message", "Defaced");
        assertEquals(4, none.exitCode(), none.toString());
        assertEquals("Unchanged", service.api().status().getString("message"));
    }

    @Test
    void aValueTheServiceRefusesIsExit4WithItsReason() {
        Command tooLong = cli("--message", "x".repeat(501));
        assertEquals(4, tooLong.exitCode());
        assertTrue(tooLong.err().contains("message must be at most 500 characters"), tooLong.err());
    }

    @Test
    void badArgumentsAreExit2AndSayWhatIsWrong() {
        Command[] bad = {cli(), cli("--bogus"), cli("--time", "soon"), cli("--countdown", "-5"),
            cli("--countdown", "604801"), cli("--message"), cli("--end=yes"), cli("--token-file", "/nonexistent")};
        for (Command command : bad) {
            assertEquals(2, command.exitCode(), command.toString());
            assertTrue(command.err().contains("circuit-breaker-status: "), command.err());
            assertTrue(command.err().contains("--help"), command.err());
        }
    }

    @Test
    void theServicesOwnSettingsGiveThePortAndTheTokenFile() throws Exception {
        Path token = Files.writeString(work.resolve("installed-token"), TOKEN + "\n");
        Path settings = Files.writeString(work.resolve("circuit-breaker.env"), "# as installed\nCIRCUIT_BREAKER_PORT="
                + service.port + "\nCIRCUIT_BREAKER_TOKEN_FILE=" + token + "\n");
        Command update = Command.run(Map.of("CIRCUIT_BREAKER_SETTINGS", settings.toString()),
                List.of("bash", "scripts/circuit-breaker-status.sh", "--message", "Found by its settings", "--status"));
        assertEquals(0, update.exitCode(), update.toString());
        assertTrue(update.out().contains("Message:       Found by its settings"), update.out());
    }

    @Test
    void versionNamesThisReleaseAndTheServicesRelease() {
        Command version = cli("--version");
        assertEquals(0, version.exitCode(), version.toString());
        String commit = service.api().health().getString("commit");
        assertTrue(version.out().contains("circuit-breaker-status " + Build.CURRENT.version() + " (" + commit + ")"),
                version.out());
        assertTrue(version.out().contains("service at http://127.0.0.1:" + service.port + ": " + Build.CURRENT.version()
                + " (" + commit + "), instance "), version.out());
    }

    @Test
    void anUnreachableServiceIsExit3() throws Exception {
        Command down = cliWith(Map.of(), "--url", "http://127.0.0.1:" + ServiceProcess.freePort(), "--status");
        assertEquals(3, down.exitCode(), down.toString());
        assertTrue(down.err().contains("unreachable") && down.err().contains("Is it running?"), down.err());
    }

    @Test
    void aWindowIsScheduledListedAndCancelledWithTextsExactAndClearExitCodes() {
        String awkward = "Window: \"quoted\" \\ $HOME\nsecond line 🌙";
        String start = java.time.OffsetDateTime.now().plusDays(2).withNano(0).toString();
        String end = java.time.OffsetDateTime.now().plusDays(2).plusHours(1).withNano(0).toString();
        Command scheduled = cli("--schedule", start, end, "--message", awkward, "--issue", "Planned");
        assertEquals(0, scheduled.exitCode(), scheduled.toString());
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("Scheduled window ([A-Za-z0-9-]+): ")
                .matcher(scheduled.out());
        assertTrue(id.find(), scheduled.out());
        JsonObject listed = Api.array(service.api().get("/api/maintenance/windows")).getJsonObject(0);
        assertEquals(awkward, listed.getJsonObject("window").getString("message"), "the text exactly as given");

        Command windows = cli("--windows");
        assertEquals(0, windows.exitCode(), windows.toString());
        assertTrue(windows.out().startsWith(id.group(1) + "  "), windows.out());

        Command overlapping = cli("--schedule", start, end);
        assertEquals(4, overlapping.exitCode(), "the service refused it");
        assertTrue(overlapping.err().contains("overlaps window " + id.group(1)), overlapping.err());
        assertEquals(2, cli("--schedule", start).exitCode(), "END is missing");

        assertEquals(0, cli("--cancel", id.group(1)).exitCode());
        Command again = cli("--cancel", id.group(1));
        assertEquals(4, again.exitCode());
        assertTrue(again.err().contains("no window '" + id.group(1) + "'"), again.err());
        assertEquals("No windows planned.", cli("--windows").out().strip());
    }

    @Test
    void helpExplainsEveryOption() {
        Command help = cli("--help");
        assertEquals(0, help.exitCode());
        for (String option : List.of("--message", "--issue", "--time", "--countdown", "--status", "--json", "--end",
                "--url", "--token-file", "--help", "--schedule", "--windows", "--cancel", "--reopen", "--version",
                "Exit codes")) {
            assertTrue(help.out().contains(option), option);
        }
    }
}
