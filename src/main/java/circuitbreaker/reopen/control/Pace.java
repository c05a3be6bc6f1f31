package circuitbreaker.reopen.control;

/**
 * How many of those in line may go in now: admission is a rate, not a schedule (SPEC §20). The rate is what lets
 * the line in by the end plus the newcomers as they arrive (measured, smoothed over a couple of seconds). Those in
 * line go at that rate in their order, never slower than the even rate of those who waited; one with nobody ahead
 * goes as soon as the rate allows one more. A stall (a
 * pause of the JVM, a saturated machine) never turns into a burst: at most a step's worth of allowance builds up.
 */
final class Pace {

    /** Over how long the newcomers' rate is smoothed. */
    static final long SMOOTHING_MILLIS = 2_000;
    /** The line is spread over at least this long, so its last second is not a rush for those still in it. */
    static final long LAST_STRETCH_MILLIS = 1_000;

    private double floorPerMilli; // those who waited when it began, over its length: the pace never drops below
    private double arrivalsPerMilli;
    private double allowance;
    private long last;

    /** A line begins (or its end moves) at {@code now} with {@code inLine} to let in by {@code until}. */
    void begin(int inLine, long now, long until) {
        floorPerMilli = inLine / (double) Math.max(1, until - now);
        arrivalsPerMilli = 0;
        allowance = 0;
        last = now;
    }

    /**
     * Of {@code inLine} (in order), how many go now, the line having gained {@code arrived} since the last call (those
     * who joined less those who left; negative when more left).
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
        return take(inLine, perMilli(inLine, now, until), elapsed, stepMillis);
    }

    /** Of {@code inLine} (in order), how many go now at a set rate (admission mode's), per millisecond. */
    int allowAt(int inLine, double rate, long now, long stepMillis) {
        long elapsed = Math.max(0, now - last);
        last = now;
        return take(inLine, rate, elapsed, stepMillis);
    }

    private int take(int inLine, double rate, long elapsed, long stepMillis) {
        double most = Math.max(1, rate * stepMillis);
        // The allowance grows with the time since the last step: by at most a step's worth (and a turn more, so a
        // rate that is not a whole number per step keeps its fraction). An empty line banks up to a step's worth, so
        // the next to come, with nobody ahead, goes at once if the rate allows one more.
        allowance = Math.min(inLine == 0 ? most : most + 1, allowance + rate * elapsed);
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
        return Math.max(floorPerMilli, inLine / (double) Math.max(LAST_STRETCH_MILLIS, until - now)
                + Math.max(0, arrivalsPerMilli));
    }
}
