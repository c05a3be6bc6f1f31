package circuitbreaker.reopen.control;

import circuitbreaker.maintenance.entity.AdmissionMode;
import circuitbreaker.maintenance.entity.Cause;
import circuitbreaker.platform.InvalidInput;
import circuitbreaker.platform.JsonInput;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Set;

/**
 * A POST to /api/maintenance/admission: {@code {"active": true, "perMinute": 600, "idleSeconds": 300}} turns the
 * waiting room on or changes it, {@code {"active": false}} ends it; or which field is wrong.
 *
 * @param mode the settings, or null to end it
 */
public record AdmissionRequest(AdmissionMode mode) {

    static final Set<String> FIELDS = Set.of("active", "perMinute", "idleSeconds");

    /**
     * @param current the mode on now, or null: changing one keeps its start (its admissions stay valid) and idle time
     */
    public static AdmissionRequest parse(String body, AdmissionMode current, long now) throws InvalidInput {
        JsonObject object = JsonInput.asObject(body);
        for (String name : object.keySet()) {
            if (!FIELDS.contains(name)) {
                throw new InvalidInput("unknown field '" + name + "'; allowed: active, perMinute, idleSeconds");
            }
        }
        JsonValue active = object.get("active");
        if (active != JsonValue.TRUE && active != JsonValue.FALSE) {
            throw new InvalidInput("active must be true (on, or change it) or false (off)");
        }
        if (active == JsonValue.FALSE) {
            if (object.size() > 1) {
                throw new InvalidInput("to end admission mode send only {\"active\": false}");
            }
            return new AdmissionRequest(null);
        }
        if (!object.containsKey("perMinute") && current == null) {
            throw new InvalidInput("perMinute is required: how many new visitors the site can take per minute");
        }
        long perMinute = object.containsKey("perMinute")
                ? JsonInput.wholeNumber("perMinute", object.get("perMinute"), "visitors") : current.perMinute();
        if (perMinute < 1 || perMinute > AdmissionMode.MAX_PER_MINUTE) {
            throw new InvalidInput("perMinute must be from 1 to " + AdmissionMode.MAX_PER_MINUTE);
        }
        long idle = object.containsKey("idleSeconds")
                ? JsonInput.wholeNumber("idleSeconds", object.get("idleSeconds"), "seconds")
                : current == null ? AdmissionMode.DEFAULT_IDLE_SECONDS : current.idleSeconds();
        if (idle < 10 || idle > AdmissionMode.MAX_IDLE_SECONDS) {
            throw new InvalidInput("idleSeconds must be from 10 to " + AdmissionMode.MAX_IDLE_SECONDS);
        }
        return new AdmissionRequest(new AdmissionMode(current == null ? now : current.since(), (int) perMinute, idle,
                Cause.OPERATOR.key()));
    }
}
