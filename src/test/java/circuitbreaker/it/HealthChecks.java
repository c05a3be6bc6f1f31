package circuitbreaker.it;

import static circuitbreaker.it.ServiceIT.API;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import circuitbreaker.platform.Build;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** /health is the app's own answer, in the original service's shape, and stays 200 during maintenance. */
abstract class HealthChecks {

    @Test
    void answersTheServicesOwnJsonNotPayaras() {
        HttpResponse<String> response = API.get("/health");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonObject health = Api.json(response);
        assertEquals("ok", health.getString("status"));
        assertEquals("circuit-breaker", health.getString("service"));
        assertEquals(Build.CURRENT.version(), health.getString("version"), "the release, as the build wrote it");
        assertTrue(health.getString("commit").matches("[0-9a-f]{12}|unknown"), health.getString("commit"));
        JsonNumber uptime = health.getJsonNumber("uptime");
        assertTrue(uptime.doubleValue() > 0, "uptime in seconds: " + uptime);
        assertTrue(health.getJsonNumber("connections").isIntegral());
        assertTrue(health.getJsonObject("stateFile").getBoolean("writable"));
        assertFalse(health.getJsonObject("stateFile").getBoolean("saveFailing"));
        assertFalse(response.body().contains("maintenance-status.json"), "the public answer names no path: "
                + response.body());
        assertTrue(health.getJsonObject("faults").getJsonNumber("count").isIntegral(), "faults caught in the background");
    }

    @Test
    void headAndGetAnswer200WhileMaintenanceIsOn() {
        API.post("{\"isActive\":true,\"countdown\":600}");
        assertEquals(200, API.head("/health").statusCode());
        assertEquals(200, API.get("/health").statusCode());
    }
}
