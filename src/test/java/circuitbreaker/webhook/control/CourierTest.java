package circuitbreaker.webhook.control;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CourierTest {

    static void within(long from, long to, long millis) {
        assertTrue(millis >= from && millis <= to, millis + " ms, not " + from + "-" + to);
    }

    /** The tests run the schedule from 0.1 s; production from 5 s: the same doubling, 75-100 % of each step. */
    @Test
    void theRetryPauseDoublesFromADecimalSettingUpToAnHour() {
        Courier courier = new Courier();
        courier.retrySeconds = 0.1;
        for (int i = 0; i < 100; i++) {
            within(75, 100, courier.pause(1));
            within(1200, 1600, courier.pause(5));
            within(2_700_000, 3_600_000, courier.pause(40));
        }
        courier.retrySeconds = 5;
        within(240_000, 320_000, courier.pause(7)); // the pause before the 8th attempt: 5 s doubled six times
    }
}
