package circuitbreaker.schedule.control;

import circuitbreaker.schedule.entity.Occurrence;
import circuitbreaker.schedule.entity.Recurrence;
import circuitbreaker.schedule.entity.Window;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * When a window takes place. A repeated window starts at the same local time in its time zone and keeps its length,
 * so "every Tuesday 02:00-03:00 Europe/Berlin" is 02:00 Berlin time in winter and in summer. When the clocks skip
 * its start, it starts as much later (java.time moves a time in the gap forward); when they repeat its start, it
 * starts the first time.
 */
public final class Occurrences {

    private Occurrences() {
    }

    /** The window's occurrences that end after {@code after} and start before {@code until}, at most {@code count}. */
    public static List<Occurrence> of(Window window, long after, long until, int count) {
        List<Occurrence> found = new ArrayList<>();
        Recurrence rule = window.recurrence();
        if (rule == null) {
            if (window.end() > after && window.start() < until && count > 0) {
                found.add(new Occurrence(window.id(), window.start(), window.end()));
            }
            return found;
        }
        ZoneId zone = ZoneId.of(rule.zone());
        LocalDateTime firstStart = LocalDateTime.ofInstant(Instant.ofEpochMilli(window.start()), zone);
        LocalTime startTime = firstStart.toLocalTime();
        long length = window.end() - window.start();
        Set<DayOfWeek> days = days(rule, firstStart.getDayOfWeek());
        LocalDate from = LocalDate.ofInstant(Instant.ofEpochMilli(after - length), zone).minusDays(1);
        LocalDate date = from.isAfter(firstStart.toLocalDate()) ? from : firstStart.toLocalDate();
        LocalDate last = LocalDate.ofInstant(Instant.ofEpochMilli(until), zone).plusDays(1);
        for (; !date.isAfter(last) && found.size() < count; date = date.plusDays(1)) {
            if (!days.contains(date.getDayOfWeek())) {
                continue;
            }
            long start = ZonedDateTime.of(date, startTime, zone).toInstant().toEpochMilli();
            long end = start + length;
            if (end > after && start < until && start >= window.start()) {
                found.add(new Occurrence(window.id(), start, end));
            }
        }
        return found;
    }

    static Set<DayOfWeek> days(Recurrence rule, DayOfWeek firstDay) {
        if (rule.every().equals("day")) {
            return Set.of(DayOfWeek.values());
        }
        if (rule.days() == null || rule.days().isEmpty()) {
            return Set.of(firstDay);
        }
        return rule.days().stream().map(d -> DayOfWeek.valueOf(d.toUpperCase(Locale.ROOT))).collect(Collectors.toSet());
    }
}
