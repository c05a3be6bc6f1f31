package circuitbreaker.reopen.control;

/**
 * How many of the turns that are due may go in now: the line's even rate, and while it catches up after a stall
 * (a pause of the JVM, a saturated machine) at most {@value #CATCH_UP} times that rate, never a burst. What the line
 * still owes at its last turn goes in then, a step before the newcomers: those who waited keep their place.
 */
final class Pace {

    static final double CATCH_UP = 1.15;

    private double perMilli;
    private double credit;
    private long last;
    private long lastTurn;

    /** {@code turns} spread evenly from {@code now} to {@code until}. */
    void spread(int turns, long now, long until) {
        perMilli = turns / (double) Math.max(1, until - now);
        credit = 0;
        last = now;
        lastTurn = until;
    }

    /** Of {@code due} turns, how many go now; at most a step's worth builds up while none is due. */
    int allow(int due, long now, long stepMillis) {
        if (now >= lastTurn) {
            return due;
        }
        double most = Math.max(1, CATCH_UP * perMilli * stepMillis);
        credit = Math.min(most, credit + CATCH_UP * perMilli * Math.max(0, now - last));
        last = now;
        int going = (int) Math.min(due, Math.floor(credit));
        credit -= going;
        return going;
    }
}
