package circuitbreaker.live.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MessageAllowanceTest {

    static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void aBurstThenTheSteadyRate() {
        MessageAllowance allowance = new MessageAllowance(5, 10, 0);
        for (int i = 0; i < 10; i++) {
            assertTrue(allowance.take(0), "message " + (i + 1) + " of the burst");
        }
        assertFalse(allowance.take(0), "the eleventh at once is over the allowance");
        assertFalse(allowance.take(SECOND / 10), "a tenth of a second buys half a message");
        assertTrue(allowance.take(SECOND / 5), "a fifth of a second buys one");
        assertFalse(allowance.take(SECOND / 5));
    }

    @Test
    void aQuietClientGetsItsBurstBackButNoMore() {
        MessageAllowance allowance = new MessageAllowance(5, 10, 0);
        for (int i = 0; i < 10; i++) {
            allowance.take(0);
        }
        long later = 60 * SECOND;
        for (int i = 0; i < 10; i++) {
            assertTrue(allowance.take(later));
        }
        assertFalse(allowance.take(later), "a minute of silence refills the burst, not more");
    }
}
