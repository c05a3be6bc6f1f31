package circuitbreaker.it;

import static circuitbreaker.it.ServiceIT.API;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The timeline: every change kept, newest first, on disk; finished maintenances with their plan and overrun. */
abstract class HistoryChecks {

    static List<JsonObject> entries(String query) {
        var answer = API.get("/api/maintenance/history" + query);
        assertEquals(200, answer.statusCode(), answer.body());
        assertTrue(answer.headers().firstValue("Cache-Control").orElseThrow().contains("no-store"));
        return Api.json(answer).getJsonArray("entries").getValuesAs(JsonObject.class);
    }

    @Test
    void everyChangeIsKeptNewestFirstAndOnDisk() throws Exception {
        for (String message : List.of("Timeline one", "Timeline two", "Timeline three ✓")) {
            assertEquals(200, API.post("{\"message\":\"" + message + "\",\"countdown\":900}").statusCode());
        }
        List<JsonObject> newest = entries("?limit=3");
        assertEquals(List.of("Timeline three ✓", "Timeline two", "Timeline one"),
                newest.stream().map(e -> e.getString("message")).toList());
        assertEquals("operator", newest.get(0).getString("cause"));
        assertEquals(newest.get(1).getJsonNumber("version").longValue() + 1,
                newest.get(0).getJsonNumber("version").longValue());
        assertEquals(API.status().getJsonNumber("version"), newest.get(0).getJsonNumber("version"));
        Path file = Path.of(System.getProperty("it.state.dir"), "maintenance-history.json");
        assertTrue(Files.readString(file).contains("Timeline three ✓"), "beside the state file, before the answer");
    }

    @Test
    void aFinishedMaintenanceKeepsItsFirstPlanAndHowMuchItOverran() throws Exception {
        assertEquals(200, API.post("{\"isActive\":false}").statusCode());
        HttpResponse<String> planned = API.post("{\"message\":\"A one-second plan\",\"countdown\":1}");
        assertEquals(200, planned.statusCode());
        assertEquals(200, API.post("{\"message\":\"Still on it\",\"countdown\":60}").statusCode());
        Waits.untilTime(Api.json(planned).getJsonObject("state").getJsonNumber("startTime").longValue() + 2000);
        assertEquals(200, API.post("{\"isActive\":false}").statusCode());
        JsonObject history = Api.json(API.get("/api/maintenance/history?limit=1"));
        JsonObject last = history.getJsonArray("finished").getJsonObject(0);
        assertEquals(1, last.getInt("plannedSeconds"), "the first end promised, not a later one: " + last);
        assertTrue(last.getInt("actualSeconds") >= 2, last.toString());
        assertEquals(last.getInt("actualSeconds") - 1, last.getInt("overrunSeconds"));
        JsonObject overrun = history.getJsonObject("overrun");
        assertTrue(overrun.getInt("planned") >= 1 && overrun.getInt("overran") >= 1, overrun.toString());
        assertTrue(overrun.getInt("worstSeconds") >= 1, overrun.toString());
        assertEquals(1, history.getJsonArray("entries").size());
        assertEquals(false, history.getJsonArray("entries").getJsonObject(0).getBoolean("isActive"));
    }

    @Test
    void aLimitThatIsNotOneToAThousandIsRefused() {
        for (String limit : List.of("0", "1001", "ten", "-5")) {
            var answer = API.get("/api/maintenance/history?limit=" + limit);
            assertEquals(400, answer.statusCode(), limit);
            assertEquals("limit must be a whole number from 1 to 1000", Api.json(answer).getString("error"));
        }
    }
}
