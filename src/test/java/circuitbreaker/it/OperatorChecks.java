package circuitbreaker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Named operators (SPEC 18) as a fleet admin sets them up: the real `circuit-breaker-status operator` on the file the
 * running service follows, then each token used against the API and the CLI, as a pipeline or a dashboard would.
 */
final class OperatorChecks {

    /** The spec's promise: a change of the operators file holds within 2 s. */
    static final Duration FOLLOWS = Duration.ofSeconds(2);
    private static final Pattern METRIC = Pattern.compile("circuitbreaker_access_refused_total\\{[^}]*reason=\"(\\w+)\""
            + "[^}]*} ([0-9.]+)");

    private final ServiceProcess service;
    private final Path file;
    private final Receivers receivers;

    OperatorChecks(ServiceProcess service, Path file, Receivers receivers) {
        this.service = service;
        this.file = file;
        this.receivers = receivers;
    }

    /** The CLI's operator command on this service's operators file. */
    Command operator(String... arguments) {
        String[] all = new String[arguments.length + 1];
        all[0] = "operator";
        System.arraycopy(arguments, 0, all, 1, arguments.length);
        return StatusCommandIT.cliWith(Map.of("CIRCUIT_BREAKER_OPERATORS_FILE", file.toString()), all);
    }

    /** A new operator's token, printed once by `operator add`. */
    String add(String... arguments) {
        Command added = operator(arguments);
        assertEquals(0, added.exitCode(), added.toString());
        String token = added.out().strip();
        assertTrue(token.matches("cbo_[A-Za-z0-9_-]{43}"), token);
        return token;
    }

    HttpResponse<String> as(String token, String method, String path, String body) {
        return service.api().send(path, method, body, "Content-Type", "application/json", "Authorization",
                "Bearer " + token);
    }

    int callerStatus(String token) {
        return as(token, "GET", "/api/maintenance/console/caller", "").statusCode();
    }

    /** Polls until the token gets this status; how long that took after the file changed. */
    long untilAnswered(String token, int status) throws InterruptedException {
        long start = System.nanoTime();
        Waits.await("the token to get " + status, Duration.ofSeconds(10), () -> callerStatus(token) == status);
        return (System.nanoTime() - start) / 1_000_000;
    }

    void aViewerReadsAndAnOperatorChangesOnlyItsScopesEachChangeSigned() throws Exception {
        double roleBefore = refused("role");
        double scopeBefore = refused("scope");
        String viewer = add("add", "dashboard", "--role", "viewer");
        String shop = add("add", "ci-shop", "--scope", "shop");
        long followed = untilAnswered(shop, 200);
        assertTrue(followed <= FOLLOWS.toMillis(), "the service followed the file in " + followed + " ms");
        assertEquals(200, callerStatus(viewer));

        // The viewer reads the operator surface and changes nothing.
        JsonObject me = Api.json(as(viewer, "GET", "/api/maintenance/console/caller", ""));
        assertEquals("{\"name\":\"dashboard\",\"role\":\"viewer\",\"scopes\":[]}", me.toString());
        assertEquals(200, as(viewer, "GET", "/api/maintenance/console", "").statusCode());
        assertEquals(200, as(viewer, "GET", "/api/maintenance/webhooks", "").statusCode());
        HttpResponse<String> refusedViewer = as(viewer, "POST", "/api/maintenance/status", "{\"message\":\"x\"}");
        assertEquals(403, refusedViewer.statusCode());
        assertEquals("'dashboard' is a viewer: it may read but not change anything",
                Api.json(refusedViewer).getString("error"));
        assertEquals(403, as(viewer, "POST", "/api/maintenance/scopes/shop/status", "{}").statusCode());

        // The shop's pipeline closes the shop, and nothing else.
        HttpResponse<String> closed = as(shop, "POST", "/api/maintenance/scopes/shop/status",
                "{\"message\":\"The shop moves\"}");
        assertEquals(200, closed.statusCode(), closed.body());
        for (String path : new String[] {"/api/maintenance/status", "/api/maintenance/scopes/api/status"}) {
            HttpResponse<String> refused = as(shop, "POST", path, "{\"message\":\"not mine\"}");
            assertEquals(403, refused.statusCode(), path);
            assertTrue(Api.json(refused).getString("error").startsWith("'ci-shop' may change only shop, not '"),
                    refused.body());
        }
        HttpResponse<String> window = as(shop, "POST", "/api/maintenance/windows", "{\"start\":"
                + (System.currentTimeMillis() + 3_600_000) + ",\"end\":" + (System.currentTimeMillis() + 7_200_000)
                + ",\"message\":\"not mine\"}");
        assertEquals(403, window.statusCode(), "a window of the whole site");
        assertEquals(roleBefore + 2, refused("role"), "every refusal is counted by its reason");
        assertEquals(scopeBefore + 3, refused("scope"));
        assertTrue(!service.api().status().getString("message").equals("not mine"), "the site is untouched");

        // Who did it: the timeline (for operators), the webhook, the state file and the log.
        JsonObject entry = Api.json(as(viewer, "GET", "/api/maintenance/scopes/shop/history?limit=1", ""))
                .getJsonArray("entries").getJsonObject(0);
        assertEquals("ci-shop", entry.getString("by"));
        assertEquals(JsonValue.NULL, Api.json(service.api().get("/api/maintenance/scopes/shop/history?limit=1"))
                .getJsonArray("entries").getJsonObject(0).get("by"), "strangers are not told who");
        double guesses = refused("token");
        assertEquals(200, service.api().get("/api/maintenance/history", "Authorization", "Bearer guess").statusCode());
        assertEquals(guesses + 1, refused("token"), "a token guessed on a public read is counted too");
        JsonObject told = Waits.await("the shop's opening told", Duration.ofSeconds(10), () -> receivers
                .at("/operators").stream().map(Receivers.Received::json).filter(n -> "shop".equals(n.getString("scope",
                ""))).findFirst().orElse(null), n -> true);
        assertEquals("maintenance.opened", told.getString("type"));
        assertEquals("ci-shop", told.getJsonObject("data").getString("by"));
        assertTrue(Files.readString(service.stateFile()).contains("\"by\": \"ci-shop\""));
        assertTrue(service.runLog().contains("shop version " + entry.getJsonNumber("version") + " by ci-shop"),
                "the log names who");
        JsonObject overview = Api.json(as(viewer, "GET", "/api/maintenance/console", ""));
        assertEquals("ci-shop", overview.getJsonObject("changedBy").getString("shop"));

        // The CLI with the pipeline's token: its scope, and a clear refusal elsewhere.
        Command mine = StatusCommandIT.cliWith(Map.of("CIRCUIT_BREAKER_TOKEN", shop), "--scope", "shop", "--end");
        assertEquals(0, mine.exitCode(), mine.toString());
        Command notMine = StatusCommandIT.cliWith(Map.of("CIRCUIT_BREAKER_TOKEN", shop), "--end");
        assertEquals(4, notMine.exitCode(), notMine.toString());
        assertTrue(notMine.err().contains("'ci-shop' may change only shop, not 'site'"), notMine.err());
    }

    void aRevokedTokenStopsWithin2sAndRotationKeepsTheOldOneUntilRevoked() throws Exception {
        String first = add("add", "rota");
        untilAnswered(first, 200);
        Command rotated = operator("rotate", "rota", "--json");
        assertEquals(0, rotated.exitCode(), rotated.toString());
        JsonObject second = Api.json(rotated.out());
        untilAnswered(second.getString("token"), 200);
        assertEquals(200, callerStatus(first), "the old token works until it is revoked");

        String firstId = Json.createReader(new StringReader(operator("list", "--json").out())).readArray()
                .getValuesAs(JsonObject.class).stream().filter(o -> o.getString("name").equals("rota")).findFirst()
                .orElseThrow().getJsonArray("tokens").getJsonObject(0).getString("id");
        assertEquals(0, operator("revoke", "rota", "--token", firstId).exitCode());
        long gone = untilAnswered(first, 401);
        assertTrue(gone <= FOLLOWS.toMillis(), "revoked within " + gone + " ms");
        assertEquals(200, callerStatus(second.getString("token")), "the new one stays");

        assertEquals(0, operator("revoke", "rota").exitCode());
        untilAnswered(second.getString("token"), 401);
        assertTrue(!operator("list").out().contains("rota"), "gone from the file");
    }

    void aBrokenOperatorsFileKeepsTheLastGoodOneAndSaysWhy() throws Exception {
        String token = add("add", "keeper");
        untilAnswered(token, 200);
        String good = Files.readString(file);
        try {
            Files.writeString(file, good.replace("\"operator\"", "\"admin\""));
            Waits.await("the log to refuse the file", Duration.ofSeconds(10), () -> log().contains(
                    "changed but cannot be used, so the operators stay as they were"));
            assertEquals(200, callerStatus(token), "a typo does not lock everyone out");
            Command list = operator("list");
            assertEquals(0, list.exitCode(), "the CLI reads it still: the service checks the roles");
        } finally {
            Files.writeString(file, good);
        }
        assertEquals(0, operator("revoke", "keeper").exitCode());
        untilAnswered(token, 401);
    }

    String log() {
        try {
            return service.runLog();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** circuitbreaker_access_refused_total for one reason, 0 before the first. */
    double refused(String reason) {
        Matcher counts = METRIC.matcher(service.api().get("/mp-metrics").body());
        while (counts.find()) {
            if (counts.group(1).equals(reason)) {
                return Double.parseDouble(counts.group(2));
            }
        }
        return 0;
    }
}
