package circuitbreaker.reopen.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PaceTest {

    static final long STEP = 100;
    final Pace pace = new Pace();

    @Test
    void thoseWhoWaitedGoAtTheEvenRateAndAreAllInByTheEnd() {
        pace.begin(100, 0, 10_000); // one per 100 ms
        int inLine = 100;
        int[] perSecond = new int[10];
        for (long now = STEP; now < 10_000; now += STEP) {
            int going = pace.allow(inLine, 0, now, 10_000, STEP);
            perSecond[(int) ((now - 1) / 1000)] += going;
            inLine -= going;
        }
        int busiest = Arrays.stream(perSecond).max().orElseThrow();
        assertTrue(inLine <= 5, "all but a few, who go at the end: " + inLine);
        assertEquals(inLine, pace.allow(inLine, 0, 10_000, 10_000, STEP));
        assertTrue(busiest <= 11, "the even ten a second: " + Arrays.toString(perSecond));
    }

    @Test
    void newcomersAreLetInAsTheyArriveOnTopOfThoseWhoWaited() {
        pace.begin(200, 0, 20_000); // 10 a second who waited, and 20 a second arrive
        int inLine = 200;
        int let = 0;
        int[] perSecond = new int[21];
        for (long now = STEP; now <= 20_000; now += STEP) {
            inLine += 2;
            int going = pace.allow(inLine, 2, now, 20_000, STEP);
            inLine -= going;
            let += going;
            perSecond[(int) ((now - 1) / 1000)] += going;
        }
        assertEquals(600, let, "all 200 and the 400 newcomers by the end");
        for (int second = 2; second < 20; second++) {
            assertTrue(perSecond[second] <= 39, "within 1.3 x the even 30 a second: " + perSecond[second]
                    + " in second " + second);
        }
        assertTrue(perSecond[19] <= 39, "no rush at the end: " + perSecond[19]);
    }

    @Test
    void aVisitorWithNobodyAheadGoesAtOnceWhenThePaceAllowsOneMoreButAnIdleLineBanksOnlyOne() {
        pace.begin(300, 0, 300_000); // one a second: a step earns a tenth of a turn
        assertEquals(0, pace.allow(0, 0, 5_000, 300_000, STEP), "nobody in line (those who waited left)");
        assertEquals(1, pace.allow(2, 2, 5_100, 300_000, STEP), "the first of two newcomers at once, not both");
        assertEquals(0, pace.allow(1, 0, 5_200, 300_000, STEP), "the second at the pace, a second later");
    }

    @Test
    void afterAStallTheLineGoesOnAtItsRateNeverAsABurst() {
        pace.begin(1_000, 0, 10_000); // ten per 100 ms step
        assertEquals(10, pace.allow(1_000, 0, STEP, 10_000, STEP));
        int afterStall = pace.allow(990, 0, 5_000, 10_000, STEP); // 4.9 s without a step
        assertTrue(afterStall <= 20, "at most a step's worth, not " + afterStall);
        int next = pace.allow(990 - afterStall, 0, 5_100, 10_000, STEP);
        assertTrue(next >= 19 && next <= 20, "then fast enough to be through by the end: " + next);
    }

    @Test
    void atASetRateAThousandAtOnceGoAtThatRateAndALoneOneAtOnce() {
        double tenASecond = 10 / 1000.0;
        assertEquals(0, pace.allowAt(0, tenASecond, 4_000, STEP));
        assertEquals(1, pace.allowAt(1, tenASecond, 5_000, STEP), "nobody ahead: at once");
        int inLine = 1_000;
        int[] perSecond = new int[10];
        for (long now = 5_100; now < 15_000; now += STEP) {
            int going = pace.allowAt(inLine, tenASecond, now, STEP);
            perSecond[(int) ((now - 5_000) / 1000)] += going;
            inLine -= going;
        }
        assertTrue(Arrays.stream(perSecond).allMatch(n -> n >= 9 && n <= 11), Arrays.toString(perSecond));
    }

    @Test
    void whoeverIsStillInLineAtTheEndGoesThen() {
        pace.begin(1_000, 0, 10_000);
        assertEquals(880, pace.allow(880, 0, 10_000, 10_000, STEP));
    }
}
