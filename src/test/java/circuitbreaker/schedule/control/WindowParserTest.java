package circuitbreaker.schedule.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import circuitbreaker.platform.InvalidInput;
import circuitbreaker.schedule.entity.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WindowParserTest {

    static final long NOW = 1_800_000_000_000L;
    final WindowParser parser = new WindowParser();

    @Test
    void readsEpochMillisOrIsoWithAnOffsetAndFillsTheTextsIn() throws Exception {
        Window window = parser.parse("{\"start\":" + (NOW + 60_000) + ",\"end\":\"2027-01-15T10:00:00+01:00\"}", "id1",
                NOW);
        assertEquals(NOW + 60_000, window.start());
        assertEquals(java.time.OffsetDateTime.parse("2027-01-15T10:00:00+01:00").toInstant().toEpochMilli(),
                window.end());
        assertEquals("id1", window.id());
        assertNull(window.recurrence());
        assertEquals(NOW, window.createdAt());
    }

    @Test
    void aWeeklyRuleKeepsItsDaysAndZone() throws Exception {
        Window window = parser.parse("{\"start\":" + (NOW + 60_000) + ",\"end\":" + (NOW + 3_660_000)
                + ",\"recurrence\":{\"every\":\"week\",\"days\":[\"tuesday\",\"FRIDAY\"],\"zone\":\"Europe/Berlin\"}}",
                "id2", NOW);
        assertEquals("week", window.recurrence().every());
        assertEquals(java.util.List.of("TUESDAY", "FRIDAY"), window.recurrence().days());
        assertEquals("Europe/Berlin", window.recurrence().zone());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "{\"start\":1800000060000}|start and end are required (epoch ms, or ISO-8601 with an offset)",
        "{\"start\":1800000060000,\"end\":1800000060000}|end must be after start",
        "{\"start\":1799999999999,\"end\":1800000060000}|start is in the past",
        "{\"start\":1832000000000,\"end\":1832000060000}|start must be within a year from now",
        "{\"start\":\"tomorrow\",\"end\":1800000060000}|start must be epoch ms or ISO-8601 with an offset (2026-12-01T02:00:00+01:00), not 'tomorrow'",
        "{\"start\":1800000060000,\"end\":1800000120000,\"when\":1}|unknown field 'when'; allowed: currentIssue, end, message, recurrence, start",
        "{\"start\":1800000060000,\"end\":1800000120000,\"recurrence\":{\"every\":\"month\",\"zone\":\"UTC\"}}|recurrence.every must be \"day\" or \"week\"",
        "{\"start\":1800000060000,\"end\":1800000120000,\"recurrence\":{\"every\":\"day\"}}|recurrence.zone is required: an IANA time zone such as Europe/Berlin",
        "{\"start\":1800000060000,\"end\":1800000120000,\"recurrence\":{\"every\":\"day\",\"zone\":\"Mars/Base\"}}|recurrence.zone: unknown time zone 'Mars/Base'",
        "{\"start\":1800000060000,\"end\":1800000120000,\"recurrence\":{\"every\":\"week\",\"days\":[\"funday\"],\"zone\":\"UTC\"}}|recurrence.days: 'FUNDAY' is not a day of the week",
        "{\"start\":1800000060000,\"end\":1800090000000,\"recurrence\":{\"every\":\"day\",\"zone\":\"UTC\"}}|recurrence: a window repeated every day must be shorter than the time between two of its starts",
    })
    void refusesBadInputNamingTheField(String body, String error) {
        InvalidInput refused = assertThrows(InvalidInput.class, () -> parser.parse(body, "x", NOW));
        assertEquals(error, refused.getMessage());
        assertEquals(400, refused.status());
    }
}
