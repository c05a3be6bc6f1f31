package circuitbreaker.live.control;

/**
 * How many messages one socket may send: a burst, then a steady rate (a token bucket). A page asks for the status
 * once per reconnect; a client that asks faster than this is misbehaving, and its cost must stay its own.
 */
final class MessageAllowance {

    private final double perNano;
    private final double burst;
    private double tokens;
    private long filledAt;

    MessageAllowance(double perSecond, double burst, long nowNanos) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.filledAt = nowNanos;
    }

    /** Spends one message; false when the client has used up its allowance. */
    synchronized boolean take(long nowNanos) {
        tokens = Math.min(burst, tokens + (nowNanos - filledAt) * perNano);
        filledAt = nowNanos;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
