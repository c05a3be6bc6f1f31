package circuitbreaker.schedule.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.io.Serializable;
import java.util.List;

/**
 * A calendar rule: the window's local start and end times repeat every day, or every week on the given days, in an
 * IANA time zone, so "every Tuesday 02:00-03:00 Europe/Berlin" stays at 02:00 Berlin time across daylight saving.
 *
 * @param every "day" or "week"
 * @param days for "week": MONDAY ... SUNDAY (none: the first start's day)
 * @param zone an IANA time zone, e.g. Europe/Berlin
 */
@JsonbPropertyOrder({"every", "days", "zone"})
public record Recurrence(String every, List<String> days, String zone) implements Serializable {
}
