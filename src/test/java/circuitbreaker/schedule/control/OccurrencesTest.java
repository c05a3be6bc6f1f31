package circuitbreaker.schedule.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import circuitbreaker.schedule.entity.Occurrence;
import circuitbreaker.schedule.entity.Recurrence;
import circuitbreaker.schedule.entity.Window;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class OccurrencesTest {

    static long at(String iso) {
        return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
    }

    static List<String> starts(List<Occurrence> occurrences) {
        return occurrences.stream().map(o -> Instant.ofEpochMilli(o.start()) + " to " + Instant.ofEpochMilli(o.end()))
                .toList();
    }

    /** Sunday 02:00-03:00 Berlin time, weekly: the last Sundays of March and October 2027 change the clocks. */
    @Test
    void aWeeklyBerlinWindowStaysAtBerlinTimeAcrossBothChangesOfTheClocks() {
        Window sundays = new Window("w", at("2027-03-14T02:00:00+01:00"), at("2027-03-14T03:00:00+01:00"), "m", "i",
                new Recurrence("week", null, "Europe/Berlin"), 0);
        assertEquals(List.of(
                "2027-03-14T01:00:00Z to 2027-03-14T02:00:00Z",
                "2027-03-21T01:00:00Z to 2027-03-21T02:00:00Z",
                // 28 March: 02:00 does not exist in Berlin (02:00 -> 03:00 CEST): an hour from 03:00 CEST.
                "2027-03-28T01:00:00Z to 2027-03-28T02:00:00Z",
                "2027-04-04T00:00:00Z to 2027-04-04T01:00:00Z"), // summer time: still 02:00 in Berlin
                starts(Occurrences.of(sundays, at("2027-03-01T00:00:00Z"), at("2027-04-05T00:00:00Z"), 10)));
    }

    @Test
    void inOctoberTheRepeatedHourIsTakenOnceAtItsFirstOccurrence() {
        Window tuesdayAndSunday = new Window("w", at("2027-10-19T02:30:00+02:00"), at("2027-10-19T03:30:00+02:00"), "m",
                "i", new Recurrence("week", List.of("TUESDAY", "SUNDAY"), "Europe/Berlin"), 0);
        assertEquals(List.of(
                "2027-10-19T00:30:00Z to 2027-10-19T01:30:00Z", // Tuesday, summer time (+02:00)
                "2027-10-24T00:30:00Z to 2027-10-24T01:30:00Z", // Sunday, summer time
                "2027-10-26T00:30:00Z to 2027-10-26T01:30:00Z", // Tuesday, still summer time
                // 31 October: 02:30 happens twice; the window takes the first (still +02:00) and lasts an hour.
                "2027-10-31T00:30:00Z to 2027-10-31T01:30:00Z",
                "2027-11-02T01:30:00Z to 2027-11-02T02:30:00Z"), // Tuesday, winter time (+01:00): 02:30 in Berlin
                starts(Occurrences.of(tuesdayAndSunday, at("2027-10-18T00:00:00Z"), at("2027-11-03T00:00:00Z"), 10)));
    }

    @Test
    void aOneOffWindowOccursOnceAndOnlyUntilItEnds() {
        Window once = new Window("w", 1000, 2000, "m", "i", null, 0);
        assertEquals(1, Occurrences.of(once, 1500, 10_000, 5).size());
        assertEquals(0, Occurrences.of(once, 2000, 10_000, 5).size());
    }
}
