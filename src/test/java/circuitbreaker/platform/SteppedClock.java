package circuitbreaker.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that stands still until a test moves it: timing logic tested without sleeping. */
public final class SteppedClock extends Clock {

    private volatile long millis;

    public SteppedClock(long millis) {
        this.millis = millis;
    }

    public void set(long at) {
        millis = at;
    }

    public void advance(Duration by) {
        millis += by.toMillis();
    }

    @Override
    public long millis() {
        return millis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
