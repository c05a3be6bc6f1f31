package circuitbreaker.it;

import static circuitbreaker.it.ServiceIT.API;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Planned windows over the API: created, listed with their next occurrences, cancelled, refused when wrong. */
abstract class WindowsChecks {

    static final StateOnDisk WINDOWS_FILE =
            new StateOnDisk(Path.of(System.getProperty("it.state.dir"), "maintenance-windows.json"));

    static HttpResponse<String> create(String json) {
        return API.send("/api/maintenance/windows", "POST", json, "Content-Type", "application/json",
                "Authorization", "Bearer " + Api.TOKEN);
    }

    static HttpResponse<String> cancel(String id) {
        return API.send("/api/maintenance/windows/" + id, "DELETE", "", "Authorization", "Bearer " + Api.TOKEN);
    }

    static String window(long start, long end, String message) {
        return Json.createObjectBuilder().add("start", start).add("end", end).add("message", message)
                .add("currentIssue", "Planned work").build().toString();
    }

    static JsonObject created(String json) {
        HttpResponse<String> answer = create(json);
        assertEquals(201, answer.statusCode(), answer.body());
        JsonObject body = Api.json(answer);
        assertTrue(answer.headers().firstValue("Location").orElseThrow()
                .endsWith("/api/maintenance/windows/" + body.getJsonObject("window").getString("id")));
        return body;
    }

    @Test
    void aWeeklyBerlinWindowIsListedWithItsNextOccurrencesAcrossTheChangeOfTheClocks() {
        JsonObject body = created("{\"start\":\"2027-03-21T02:00:00+01:00\",\"end\":\"2027-03-21T03:00:00+01:00\","
                + "\"message\":\"Sunday upkeep\",\"recurrence\":{\"every\":\"week\",\"zone\":\"Europe/Berlin\"}}");
        String id = body.getJsonObject("window").getString("id");
        JsonObject listed = Api.array(API.get("/api/maintenance/windows")).getValuesAs(JsonObject.class).stream()
                .filter(l -> l.getJsonObject("window").getString("id").equals(id)).findFirst().orElseThrow();
        assertEquals(List.of("2027-03-21T01:00:00Z", "2027-03-28T01:00:00Z", "2027-04-04T00:00:00Z"),
                listed.getJsonArray("next").getValuesAs(JsonObject.class).stream()
                        .map(o -> Instant.ofEpochMilli(o.getJsonNumber("start").longValue()).toString()).toList(),
                "02:00 Berlin time before and after the clocks go forward on 28 March");
        assertEquals(204, cancel(id).statusCode());
        HttpResponse<String> again = cancel(id);
        assertEquals(404, again.statusCode());
        assertEquals("id: no window '" + id + "'; GET /api/maintenance/windows lists them",
                Api.json(again).getString("error"));
    }

    @Test
    void badWindowsAreRefusedNamingTheFieldAndNothingChanges() {
        long now = System.currentTimeMillis();
        long day = 86_400_000L;
        JsonObject kept = created(window(now + 30 * day, now + 30 * day + 3_600_000, "Kept"));
        byte[] before = WINDOWS_FILE.bytes();
        Map<String, String> refused = Map.of(
                window(now + 30 * day + 1_800_000, now + 30 * day + 5_400_000, "Overlapping"), "overlaps window",
                window(now + 2 * day, now + day, "Backwards"), "end must be after start",
                window(now - day, now + day, "Past"), "start is in the past",
                window(now + 400 * day, now + 400 * day + 60_000, "Far"), "start must be within a year",
                "{\"start\":" + (now + day) + ",\"end\":" + (now + day + 60_000)
                        + ",\"recurrence\":{\"every\":\"week\",\"zone\":\"Mars/Olympus\"}}", "unknown time zone",
                "{\"start\":" + (now + day) + ",\"end\":" + (now + day + 60_000)
                        + ",\"recurrence\":{\"every\":\"fortnight\",\"zone\":\"UTC\"}}", "recurrence.every",
                "{\"start\":" + (now + day) + ",\"end\":" + (now + 3 * day)
                        + ",\"recurrence\":{\"every\":\"day\",\"zone\":\"UTC\"}}", "shorter than the time between",
                window(now + day, now + day + 60_000, "x".repeat(501)), "message must be at most 500 characters",
                "{\"start\":\"tomorrow\",\"end\":" + (now + day) + "}", "start must be epoch ms or ISO-8601");
        for (Map.Entry<String, String> bad : refused.entrySet()) {
            HttpResponse<String> answer = create(bad.getKey());
            assertEquals(400, answer.statusCode(), bad.getKey() + " -> " + answer.body());
            assertTrue(Api.json(answer).getString("error").contains(bad.getValue()), answer.body());
        }
        assertEquals(401, API.send("/api/maintenance/windows", "POST", window(now + day, now + day + 1, "x"),
                "Content-Type", "application/json").statusCode(), "writes need the token");
        assertArrayEquals(before, WINDOWS_FILE.bytes(), "nothing changed on disk");
        assertEquals(204, cancel(kept.getJsonObject("window").getString("id")).statusCode());
    }

    @Test
    void upcomingIsPublicCacheableForAMinuteAndOpenToEveryOrigin() {
        long start = System.currentTimeMillis() + 3 * 86_400_000L;
        String id = created(window(start, start + 3_600_000, "Coming soon")).getJsonObject("window").getString("id");
        HttpResponse<String> answer = API.get("/api/maintenance/upcoming", "Origin", "http://shop.example");
        assertEquals(200, answer.statusCode());
        assertEquals("*", answer.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        assertTrue(answer.headers().firstValue("Cache-Control").orElseThrow().contains("max-age=60"));
        assertTrue(Api.json(answer).getJsonArray("upcoming").getValuesAs(JsonObject.class).stream()
                .anyMatch(w -> w.getString("message").equals("Coming soon") && w.getJsonNumber("start").longValue() == start));
        assertEquals(204, cancel(id).statusCode());
    }
}
