package circuitbreaker.it;

import static circuitbreaker.it.ServiceIT.API;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import circuitbreaker.platform.Build;
import jakarta.json.JsonObject;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** MicroProfile Health, Metrics and OpenAPI, at the moved paths, next to the app's own /health. */
abstract class MonitoringChecks {

    static double metric(String series) {
        String text = API.get("/mp-metrics").body();
        Matcher value = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.E-]+)$").matcher(text);
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
    }

    static JsonObject check(String path, String name) {
        return Api.json(API.get(path)).getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " in " + API.get(path).body()));
    }

    @Test
    void livenessSaysTheTimerTicksAndReadinessSaysTheStateFileCanBeWritten() {
        assertEquals(200, API.get("/mp-health/live").statusCode());
        assertEquals("UP", check("/mp-health/live", "countdown-timer").getString("status"));
        assertEquals(200, API.get("/mp-health/ready").statusCode());
        JsonObject stateFile = check("/mp-health/ready", "state-file");
        assertEquals("UP", stateFile.getString("status"));
        assertTrue(stateFile.getJsonObject("data").getString("path").endsWith("maintenance-status.json"));
        assertEquals("circuit-breaker", API.health().getString("service"), "/health stays the service's own");
    }

    @Test
    void applicationMetricsCountWhatHappens() {
        String scope = "{mp_scope=\"application\"}";
        double accepted = metric("circuitbreaker_updates_accepted_total" + scope);
        double invalid = metric("circuitbreaker_updates_rejected_total{mp_scope=\"application\",reason=\"invalid\"}");
        double views = metric("circuitbreaker_page_views_total" + scope);

        API.post("{\"isActive\":true,\"countdown\":600}");
        API.post("{\"countdown\":-1}");
        API.get("/any/page");

        assertEquals(accepted + 1, metric("circuitbreaker_updates_accepted_total" + scope));
        assertEquals(invalid + 1,
                metric("circuitbreaker_updates_rejected_total{mp_scope=\"application\",reason=\"invalid\"}"));
        assertEquals(views + 1, metric("circuitbreaker_page_views_total" + scope));
        assertEquals(1, metric("circuitbreaker_maintenance_active" + scope));
        double left = metric("circuitbreaker_seconds_remaining" + scope);
        assertTrue(left > 590 && left <= 600, "seconds remaining " + left);
        assertTrue(metric("circuitbreaker_broadcasts_total{mp_scope=\"application\",type=\"countdownUpdate\"}") > 0);
        assertTrue(API.get("/mp-metrics").body().contains("circuitbreaker_sockets_open" + scope));
    }

    @Test
    void openApiDescribesTheApiWithExamplesAndItsRelease() {
        String openapi = API.get("/mp-openapi").body();
        assertTrue(openapi.contains("/api/maintenance/status:"), openapi);
        assertTrue(openapi.contains("countdown must not be negative"), "with examples");
        assertTrue(openapi.contains("title: Circuit Breaker Service"), openapi);
        assertTrue(openapi.contains("version: " + Build.CURRENT.version()), "the release serving it: " + openapi);
    }
}
