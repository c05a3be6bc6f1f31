package circuitbreaker.it;

import static circuitbreaker.it.ServiceIT.API;
import static circuitbreaker.it.ServiceIT.STATE_FILE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad input gets its clear JSON error and leaves the state, on disk and in memory, exactly as it was. */
abstract class BadInputChecks {

    static final String JSON = "application/json";

    static Stream<Arguments> badBodies() {
        long past = System.currentTimeMillis() - 60_000;
        return Stream.of(
                Arguments.of("malformed JSON", "{\"message\":", JSON, 400, "not valid JSON"),
                Arguments.of("trailing garbage", "{\"message\":\"x\"} extra", JSON, 400, "not valid JSON"),
                Arguments.of("null", "null", JSON, 400, "JSON object"),
                Arguments.of("an array", "[{\"message\":\"x\"}]", JSON, 400, "JSON object"),
                Arguments.of("a string", "\"maintenance\"", JSON, 400, "JSON object"),
                Arguments.of("an empty body", "", JSON, 400, "empty"),
                Arguments.of("message as a number", "{\"message\":42}", JSON, 400, "message must be a string"),
                Arguments.of("message as null", "{\"message\":null}", JSON, 400, "message must be a string"),
                Arguments.of("issue as an object", "{\"currentIssue\":{}}", JSON, 400, "currentIssue must be a string"),
                Arguments.of("isActive as a string", "{\"isActive\":\"yes\"}", JSON, 400, "isActive"),
                Arguments.of("countdown as a string", "{\"countdown\":\"10\"}", JSON, 400, "countdown"),
                Arguments.of("negative countdown", "{\"countdown\":-5}", JSON, 400, "countdown must not be negative"),
                Arguments.of("fractional countdown", "{\"countdown\":1.5}", JSON, 400, "countdown must be a whole"),
                Arguments.of("absurd countdown", "{\"countdown\":604801}", JSON, 400, "countdown must be at most"),
                Arguments.of("astronomical countdown", "{\"countdown\":1e999999999}", JSON, 400, "countdown"),
                Arguments.of("past end", "{\"estimatedCompletion\":" + past + "}", JSON, 400,
                        "estimatedCompletion is in the past"),
                Arguments.of("end as a string", "{\"estimatedCompletion\":\"soon\"}", JSON, 400, "estimatedCompletion"),
                Arguments.of("bad countdown beside a good end",
                        "{\"countdown\":-1,\"estimatedCompletion\":" + (past + 3_600_000) + "}", JSON, 400, "countdown"),
                Arguments.of("5000-character message", "{\"message\":\"" + "m".repeat(5000) + "\"}", JSON, 400,
                        "message must be at most 500"),
                Arguments.of("5000-character issue", "{\"currentIssue\":\"" + "i".repeat(5000) + "\"}", JSON, 400,
                        "currentIssue must be at most 500"),
                Arguments.of("unknown field", "{\"mesage\":\"typo\"}", JSON, 400, "unknown field 'mesage'"),
                Arguments.of("40 KiB body", "{\"message\":\"" + "x".repeat(40 * 1024) + "\"}", JSON, 413,
                        "larger than 16384 bytes"),
                Arguments.of("text/plain", "{\"message\":\"x\"}", "text/plain", 415, "Content-Type"),
                Arguments.of("a form post", "message=x", "application/x-www-form-urlencoded", 415, "Content-Type"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void isRefusedClearlyAndChangesNothing(String what, String body, String type, int status, String error) {
        API.post("{\"message\":\"Known good state\",\"countdown\":1200}");
        byte[] before = STATE_FILE.bytes();
        long version = API.status().getJsonNumber("version").longValue();

        HttpResponse<String> response = API.post(body, "Content-Type", type, "Authorization", "Bearer " + Api.TOKEN);

        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith(JSON));
        JsonObject refusal = Api.json(response);
        assertFalse(refusal.getBoolean("success"));
        assertTrue(refusal.getString("error").contains(error), refusal.getString("error"));
        assertArrayEquals(before, STATE_FILE.bytes(), "state file unchanged");
        assertEquals(version, API.status().getJsonNumber("version").longValue());
        assertEquals("Known good state", API.status().getString("message"));
    }

    static Stream<Arguments> unauthorised() {
        return Stream.of(
                Arguments.of("no Authorization header", new String[] {"Content-Type", JSON}),
                Arguments.of("a wrong token", new String[] {"Content-Type", JSON, "Authorization", "Bearer wrong"}),
                Arguments.of("a longer token", new String[] {"Content-Type", JSON, "Authorization",
                        "Bearer " + Api.TOKEN + "x"}),
                Arguments.of("basic instead of bearer", new String[] {"Content-Type", JSON, "Authorization",
                        "Basic " + Api.TOKEN}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unauthorised")
    void writesNeedTheConfiguredToken(String what, String[] headers) {
        API.post("{\"message\":\"Known good state\"}");
        byte[] before = STATE_FILE.bytes();

        HttpResponse<String> response = API.post("{\"message\":\"Defaced\"}", headers);

        assertEquals(401, response.statusCode());
        JsonObject refusal = Api.json(response);
        assertFalse(refusal.getBoolean("success"));
        assertTrue(refusal.getString("error").contains("Authorization: Bearer"), refusal.getString("error"));
        assertArrayEquals(before, STATE_FILE.bytes());
        assertEquals("Known good state", API.status().getString("message"));
    }
}
