package circuitbreaker.reopen.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PaceTest {

    final Pace pace = new Pace();

    @Test
    void turnsThatAreDueGoInAtTheEvenRate() {
        pace.spread(100, 0, 10_000); // one every 100 ms
        int went = 0;
        for (long now = 100; now <= 10_000; now += 100) {
            went += pace.allow(1, now, 100);
        }
        assertEquals(100, went, "every turn goes in on time when the machine keeps up");
    }

    @Test
    void afterAStallTheBacklogCatchesUpSlightlyFasterNeverAsABurst() {
        pace.spread(1_000, 0, 10_000); // ten per 100 ms step
        assertEquals(10, pace.allow(10, 100, 100));
        int afterStall = pace.allow(40, 5_000, 100); // four seconds without a step: 390 turns are due
        assertTrue(afterStall <= 12, "at most a step's worth at the catch-up rate, not " + afterStall);
        int next = pace.allow(400, 5_100, 100);
        assertTrue(next >= 11 && next <= 12, "then 15 % faster than the even rate: " + next);
    }

    @Test
    void nothingIsAllowedBeyondWhatIsDue() {
        pace.spread(1_000, 0, 10_000);
        assertEquals(3, pace.allow(3, 1_000, 100));
        assertEquals(0, pace.allow(0, 1_100, 100));
    }

    @Test
    void whatTheLineStillOwesAtItsLastTurnGoesInThen() {
        pace.spread(1_000, 0, 10_000);
        assertEquals(10, pace.allow(10, 100, 100));
        assertTrue(pace.allow(900, 9_000, 100) <= 12, "paced while there is time");
        assertEquals(880, pace.allow(880, 10_000, 100), "at the last turn, before the newcomers");
    }
}
