package circuitbreaker.it;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waiting for facts, never for fixed times: each wait polls its condition and fails with what it waited for. */
final class Waits {

    private Waits() {
    }

    static void await(String what, Duration within, BooleanSupplier condition) {
        await(what, within, () -> condition.getAsBoolean() ? Boolean.TRUE : null, done -> true);
    }

    /** The first value the probe gives that satisfies the condition (null counts as not yet). */
    static <T> T await(String what, Duration within, Supplier<T> probe, Predicate<T> condition) {
        long deadline = System.nanoTime() + within.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = probe.get();
            if (last != null && condition.test(last)) {
                return last;
            }
            pause(20);
        }
        throw new AssertionError(what + ": not within " + within + "; last seen: " + last);
    }

    /** Until the wall clock has passed this moment (a window's start, the end of a plan). */
    static void untilTime(long epochMillis) {
        while (System.currentTimeMillis() <= epochMillis) {
            pause(Math.min(50, Math.max(1, epochMillis - System.currentTimeMillis() + 1)));
        }
    }

    /** Until the next second of the wall clock has begun: what a front proxy keeps to the end of a second is gone. */
    static void nextSecond() {
        untilTime(System.currentTimeMillis() / 1000 * 1000 + 999);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
