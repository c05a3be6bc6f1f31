package circuitbreaker.maintenance.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import circuitbreaker.maintenance.entity.StatusUpdate;
import circuitbreaker.platform.InvalidInput;
import circuitbreaker.platform.JsonInput;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

class UpdateParserTest {

    static final long NOW = 1_800_000_000_000L;
    final UpdateParser parser = new UpdateParser();

    @Test
    void omittedFieldsStayNull() throws Exception {
        StatusUpdate update = parser.parse("{\"message\":\"m\"}", NOW);
        assertEquals("m", update.message());
        assertNull(update.currentIssue());
        assertNull(update.isActive());
        assertNull(update.end(), "no end given: keep the current one");
    }

    @Test
    void aDeploysStepIsOneOfThreeAndNothingElse() throws Exception {
        assertEquals("failed", parser.parse("{\"deploy\":\"failed\"}", NOW).deploy());
        assertNull(parser.parse("{\"message\":\"m\"}", NOW).deploy());
        InvalidInput refused = assertThrows(InvalidInput.class,
                () -> parser.parse("{\"deploy\":\"done\"}", NOW));
        assertEquals("deploy must be one of started, finished, failed, not 'done'", refused.getMessage());
    }

    @Test
    void countdownBecomesAnAbsoluteEnd() throws Exception {
        assertEquals(NOW + 90_000, parser.parse("{\"countdown\":90}", NOW).end().epochMillis());
    }

    @Test
    void estimatedCompletionWinsOverCountdown() throws Exception {
        long end = NOW + 3_600_000;
        assertEquals(end, parser.parse("{\"countdown\":90,\"estimatedCompletion\":" + end + "}", NOW).end()
                .epochMillis());
    }

    @Test
    void nullEndMeansUnknownNotUnchanged() throws Exception {
        StatusUpdate update = parser.parse("{\"estimatedCompletion\":null}", NOW);
        assertNull(update.end().epochMillis());
    }

    @Test
    void wholeNumbersWrittenWithAnExponentAreAccepted() throws Exception {
        assertEquals(NOW + 1_000_000, parser.parse("{\"countdown\":1e3}", NOW).end().epochMillis());
    }

    @Test
    void limitsAreInclusive() throws Exception {
        parser.parse("{\"countdown\":604800}", NOW);
        parser.parse("{\"countdown\":0}", NOW);
        parser.parse("{\"message\":\"" + "💖".repeat(500) + "\"}", NOW); // 500 characters, 1000 UTF-16 units
        assertThrows(InvalidInput.class, () -> parser.parse("{\"message\":\"" + "💖".repeat(501) + "\"}", NOW));
    }

    @Test
    void hugeExponentsAreRefusedWithoutBeingExpanded() {
        long started = System.nanoTime();
        InvalidInput e = assertThrows(InvalidInput.class, () -> parser.parse("{\"countdown\":1e999999999}", NOW));
        assertTrue(e.getMessage().startsWith("countdown"));
        assertTrue(System.nanoTime() - started < 1_000_000_000L);
    }

    @Test
    void bodiesOverTheLimitAre413BeforeParsing() {
        byte[] big = new byte[JsonInput.MAX_BODY_BYTES + 1];
        InvalidInput e = assertThrows(InvalidInput.class, () -> parser.parse(new ByteArrayInputStream(big), NOW));
        assertEquals(413, e.status());
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[] bad = {'{', '"', 'm', 'e', 's', 's', 'a', 'g', 'e', '"', ':', '"', (byte) 0xC3, '"', '}'};
        InvalidInput e = assertThrows(InvalidInput.class, () -> parser.parse(new ByteArrayInputStream(bad), NOW));
        assertTrue(e.getMessage().contains("UTF-8"));
    }

    @Test
    void anEndMoreThanSevenDaysAwayIsRefused() {
        long far = NOW + UpdateParser.MAX_COUNTDOWN_SECONDS * 1000 + 1;
        InvalidInput e = assertThrows(InvalidInput.class,
                () -> parser.parse("{\"estimatedCompletion\":" + far + "}", NOW));
        assertTrue(e.getMessage().contains("7 days"));
    }
}
