package circuitbreaker.it;

import static circuitbreaker.it.ServiceIT.API;
import static circuitbreaker.it.ServiceIT.STATE_FILE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** GET and POST /api/maintenance/status, as deploy scripts use them. */
abstract class StatusApiChecks {

    static String body(String field, String value) {
        return Json.createObjectBuilder().add(field, value).build().toString();
    }

    @Test
    void getAnswersTheOriginalShape() {
        JsonObject status = API.status();
        assertTrue(status.keySet().containsAll(Set.of("isActive", "message", "currentIssue", "countdown", "startTime",
                "estimatedCompletion", "lastBroadcast")), status.keySet().toString());
        assertTrue(status.get("isActive") == JsonValue.TRUE || status.get("isActive") == JsonValue.FALSE);
        assertTrue(status.getJsonNumber("countdown").longValue() >= 0);
        assertTrue(status.getJsonNumber("startTime").isIntegral());
        assertTrue(status.getJsonNumber("lastBroadcast").isIntegral());
    }

    @Test
    void aPartialUpdateKeepsTheFieldsItOmits() {
        API.post("{\"message\":\"Upgrading the database\",\"currentIssue\":\"Schema migration\",\"countdown\":900}");
        JsonObject answer = Api.json(API.post(body("message", "Still upgrading")));
        assertTrue(answer.getBoolean("success"));
        JsonObject state = answer.getJsonObject("state");
        assertEquals("Still upgrading", state.getString("message"));
        assertEquals("Schema migration", state.getString("currentIssue"));
        assertTrue(state.getJsonNumber("countdown").longValue() > 890, "end time kept: " + state);
        assertEquals(state, withoutClock(API.status(), state));
    }

    @Test
    void countdownSetsTheEndFromNow() {
        long before = System.currentTimeMillis();
        JsonObject state = Api.json(API.post("{\"countdown\":600}")).getJsonObject("state");
        long after = System.currentTimeMillis();
        long end = state.getJsonNumber("estimatedCompletion").longValue();
        assertTrue(end >= before + 600_000 && end <= after + 600_000, "end " + end);
        long countdown = state.getJsonNumber("countdown").longValue();
        assertTrue(countdown >= 599 && countdown <= 600, "countdown " + countdown);
    }

    @Test
    void estimatedCompletionWinsOverCountdown() {
        long end = System.currentTimeMillis() + 3_600_000;
        JsonObject state = Api.json(API.post("{\"countdown\":60,\"estimatedCompletion\":" + end + "}"))
                .getJsonObject("state");
        assertEquals(end, state.getJsonNumber("estimatedCompletion").longValue());
        assertTrue(state.getJsonNumber("countdown").longValue() > 3590);
    }

    @Test
    void aNullEndMeansNoEndIsKnown() {
        API.post("{\"countdown\":300}");
        JsonObject state = Api.json(API.post("{\"estimatedCompletion\":null}")).getJsonObject("state");
        assertEquals(JsonValue.NULL, state.get("estimatedCompletion"));
        assertEquals(0, state.getInt("countdown"));
        assertEquals(JsonValue.NULL, API.status().get("estimatedCompletion"));
    }

    @Test
    void goingFromInactiveToActiveStartsAFreshMaintenance() throws Exception {
        JsonObject off = Api.json(API.post("{\"isActive\":false}")).getJsonObject("state");
        assertFalse(off.getBoolean("isActive"));
        assertFalse(API.status().getBoolean("isActive"));
        Waits.untilTime(off.getJsonNumber("updatedAt").longValue()); // a later millisecond than the end
        long before = System.currentTimeMillis();
        JsonObject on = Api.json(API.post("{\"message\":\"Back in maintenance\"}")).getJsonObject("state");
        assertTrue(on.getBoolean("isActive"), "a POST without isActive:false puts maintenance on");
        assertTrue(on.getJsonNumber("startTime").longValue() >= before, "startTime is now");
        JsonObject again = Api.json(API.post("{\"message\":\"Still on\"}")).getJsonObject("state");
        assertEquals(on.getJsonNumber("startTime"), again.getJsonNumber("startTime"), "staying active keeps it");
    }

    @Test
    void theAnswerComesOnlyOnceTheStateIsOnDisk() {
        for (int i = 0; i < 20; i++) {
            String message = "Saved before answering #" + i;
            JsonObject state = Api.json(API.post(body("message", message))).getJsonObject("state");
            JsonObject onDisk = STATE_FILE.json();
            assertEquals(message, onDisk.getString("message"));
            assertEquals(state.getJsonNumber("version"), onDisk.getJsonNumber("version"));
            assertEquals(state.getJsonNumber("estimatedCompletion"), onDisk.getJsonNumber("estimatedCompletion"));
        }
    }

    @Test
    void awkwardTextRoundTripsExactlyThroughApiFileAndSocket() throws Exception {
        String message = "Quotes \" and 'single', back\\slash, tab\t, new\nline, <b>tags</b> & emoji 🦄💖, ünïcødé, 日本語";
        String issue = "$HOME `cmd` -- --flag \u2028 line separator \u0000 nul";
        try (SocketClient socket = new SocketClient(API.base())) {
            socket.next("statusUpdate", Duration.ofSeconds(5));
            HttpResponse<String> response = API.post(Json.createObjectBuilder().add("message", message)
                    .add("currentIssue", issue).build().toString());
            assertEquals(200, response.statusCode(), response.body());
            JsonObject answered = Api.json(response).getJsonObject("state");
            assertEquals(message, answered.getString("message"));
            assertEquals(issue, answered.getString("currentIssue"));
            assertEquals(message, API.status().getString("message"));
            assertEquals(issue, API.status().getString("currentIssue"));
            assertEquals(message, STATE_FILE.json().getString("message"));
            assertEquals(issue, STATE_FILE.json().getString("currentIssue"));
            JsonObject pushed = socket.next("statusUpdate", Duration.ofSeconds(5)).data();
            assertEquals(message, pushed.getString("message"));
            assertEquals(issue, pushed.getString("currentIssue"));
        }
    }

    @Test
    void theStateFileIsReadableByPeople() {
        API.post(body("message", "Readable"));
        String text = new String(STATE_FILE.bytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.contains("\n    \"message\": \"Readable\""), text);
        assertTrue(text.endsWith("}\n"), "ends with a newline");
    }

    /** The same state, but with the live fields taken from {@code reference} (they move with the clock). */
    private static JsonObject withoutClock(JsonObject live, JsonObject reference) {
        return Json.createObjectBuilder(live).add("countdown", reference.get("countdown"))
                .add("lastBroadcast", reference.get("lastBroadcast")).add("phase", reference.get("phase")).build();
    }
}
