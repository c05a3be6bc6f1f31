package circuitbreaker.schedule.control;

import circuitbreaker.maintenance.control.UpdateParser;
import circuitbreaker.maintenance.entity.MaintenanceState;
import circuitbreaker.platform.InvalidInput;
import circuitbreaker.platform.JsonInput;
import circuitbreaker.schedule.entity.Recurrence;
import circuitbreaker.schedule.entity.Window;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Turns a POST body into a {@link Window}, or says exactly which field is wrong, in the API's usual words. */
public class WindowParser {

    static final long YEAR_MILLIS = 366L * 24 * 60 * 60 * 1000;
    static final Set<String> FIELDS = Set.of("start", "end", "message", "currentIssue", "recurrence");
    static final Set<String> RULE_FIELDS = Set.of("every", "days", "zone");

    public Window parse(InputStream body, String id, long now) throws InvalidInput, IOException {
        return parse(JsonInput.decode(JsonInput.readLimited(body)), id, now);
    }

    Window parse(String body, String id, long now) throws InvalidInput {
        JsonObject object = JsonInput.asObject(body);
        known(object, FIELDS, "");
        if (!object.containsKey("start") || !object.containsKey("end")) {
            throw new InvalidInput("start and end are required (epoch ms, or ISO-8601 with an offset)");
        }
        long start = time(object.get("start"), "start");
        long end = time(object.get("end"), "end");
        if (end <= start) {
            throw new InvalidInput("end must be after start");
        }
        if (start < now) {
            throw new InvalidInput("start is in the past");
        }
        if (start > now + YEAR_MILLIS) {
            throw new InvalidInput("start must be within a year from now");
        }
        String message = JsonInput.text(object, "message");
        String issue = JsonInput.text(object, "currentIssue");
        Recurrence rule = object.containsKey("recurrence") ? rule(object.get("recurrence"), end - start) : null;
        return new Window(id, start, end, message == null ? MaintenanceState.DEFAULT_MESSAGE : message,
                issue == null ? MaintenanceState.DEFAULT_ISSUE : issue, rule, now);
    }

    private static Recurrence rule(JsonValue value, long length) throws InvalidInput {
        if (!(value instanceof JsonObject rule)) {
            throw new InvalidInput("recurrence must be an object such as "
                    + "{\"every\":\"week\",\"days\":[\"TUESDAY\"],\"zone\":\"Europe/Berlin\"}");
        }
        known(rule, RULE_FIELDS, "recurrence.");
        String every = rule.get("every") instanceof JsonString s ? s.getString() : null;
        if (!"day".equals(every) && !"week".equals(every)) {
            throw new InvalidInput("recurrence.every must be \"day\" or \"week\"");
        }
        String zone = rule.get("zone") instanceof JsonString s ? s.getString() : null;
        if (zone == null) {
            throw new InvalidInput("recurrence.zone is required: an IANA time zone such as Europe/Berlin");
        }
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new InvalidInput("recurrence.zone: unknown time zone '" + zone + "'");
        }
        List<String> days = new ArrayList<>();
        if (rule.containsKey("days")) {
            if (!(rule.get("days") instanceof JsonArray array)) {
                throw new InvalidInput("recurrence.days must be a list of days such as [\"TUESDAY\"]");
            }
            if (every.equals("day")) {
                throw new InvalidInput("recurrence.days goes only with \"every\": \"week\"");
            }
            for (JsonValue day : array) {
                String name = day instanceof JsonString s ? s.getString().toUpperCase(Locale.ROOT) : String.valueOf(day);
                try {
                    days.add(DayOfWeek.valueOf(name).name());
                } catch (IllegalArgumentException e) {
                    throw new InvalidInput("recurrence.days: '" + name + "' is not a day of the week");
                }
            }
        }
        long period = (every.equals("day") ? 1 : 7) * 24 * 60 * 60 * 1000L;
        if (length >= period || (!days.isEmpty() && days.size() > 1 && length >= 24 * 60 * 60 * 1000L)) {
            throw new InvalidInput("recurrence: a window repeated every " + every
                    + " must be shorter than the time between two of its starts");
        }
        return new Recurrence(every, days.isEmpty() ? null : List.copyOf(days), zone);
    }

    private static long time(JsonValue value, String name) throws InvalidInput {
        if (value instanceof JsonString text) {
            try {
                return OffsetDateTime.parse(text.getString()).toInstant().toEpochMilli();
            } catch (DateTimeException e) {
                throw new InvalidInput(name + " must be epoch ms or ISO-8601 with an offset (2026-12-01T02:00:00+01:00),"
                        + " not '" + text.getString() + "'");
            }
        }
        return JsonInput.wholeNumber(name, value, "milliseconds since the epoch");
    }

    private static void known(JsonObject object, Set<String> allowed, String prefix) throws InvalidInput {
        for (String name : object.keySet()) {
            if (!allowed.contains(name)) {
                throw new InvalidInput("unknown field '" + prefix + name + "'; allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }
}
