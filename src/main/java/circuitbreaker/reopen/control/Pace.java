package circuitbreaker.reopen.control;

/**
 * How many of those in line may go in now: admission is a rate, not a schedule (SPEC §20). The rate is what lets
 * the line in by the end plus the newcomers as they arrive (measured, smoothed over a couple of seconds). Those in
 * line go at that rate in their order; one with nobody ahead goes as soon as the rate allows one more. A stall (a
 * pause of the JVM, a saturated machine) never turns into a burst: at most a step's worth of allowance builds up.
 */
final class Pace {

    /** Over how long the newcomers' rate is smoothed. */
    static final long SMOOTHING_MILLIS = 2_000;
    /** The line is spread over at least this long, so its last second is not a rush for those still in it. */
    static final long LAST_STRETCH_MILLIS = 1_000;

    private double arrivalsPerMilli;
    private double allowance;
    private long last;

    /** A reopening begins at {@code now}. */
    void begin(long now) {
        arrivalsPerMilli = 0;
        allowance = 0;
        last = now;
    }

    /**
     * Of {@code inLine} (in order), how many go now, {@code arrived} having joined since the last call.
     *
     * @param until the reopening's end, when everyone still in line goes in
     */
    int allow(int inLine, int arrived, long now, long until, long stepMillis) {
        long elapsed = Math.max(0, now - last);
        last = now;
        if (elapsed > 0) {
            double weight = Math.min(1, elapsed / (double) SMOOTHING_MILLIS);
            arrivalsPerMilli += (arrived / (double) elapsed - arrivalsPerMilli) * weight;
        }
        if (now >= until) {
            return inLine;
        }
        double rate = perMilli(inLine, now, until);
        double most = Math.max(1, rate * stepMillis);
        // Nobody in line: the next to come has nobody ahead and goes at once, as the rate allows one more. Otherwise
        // the allowance grows with the time since the last step, by at most a step's worth and a turn more.
        allowance = inLine == 0 ? most : Math.min(most + 1, allowance + rate * elapsed);
        int going = (int) Math.min(inLine, Math.floor(allowance));
        allowance -= going;
        return going;
    }

    /**
     * The rate now, per millisecond (for a visitor's estimate of its turn as well): the line as it stands, spread
     * evenly over the time left, plus the newcomers as they come. With newcomers at a steady rate this stays the
     * even rate of all there are to let in, from the first second to the last.
     */
    double perMilli(int inLine, long now, long until) {
        return inLine / (double) Math.max(LAST_STRETCH_MILLIS, until - now) + arrivalsPerMilli;
    }
}
