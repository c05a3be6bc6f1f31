package circuitbreaker.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Browsers must never keep the breaker's answers (no-store), but a front proxy may keep one until the end of the
 * current second: the page shows a countdown in whole seconds, and the gate must follow an update within a second.
 * nginx reads X-Accel-Expires (an absolute second here, so never longer) and does not pass it on to visitors. A front
 * that says how long it may use an answer once the breaker cannot be asked ({@value #KEEP_CLOSED}, seconds) gets
 * that bound back as stale-if-error, the one way nginx limits how long it serves a stale answer.
 */
public final class ProxyCache {

    /** The request header of a front that keeps the last answer for a bounded time (the shipped nginx file). */
    public static final String KEEP_CLOSED = "X-Circuit-Breaker-Keep-Closed";

    /** A day: a front that asks for more is answered without a bound rather than with a mistaken one. */
    static final long MAX_KEEP_CLOSED = 86_400;

    private ProxyCache() {
    }

    public static void untilTheSecondEnds(HttpServletRequest request, HttpServletResponse response, long nowMillis) {
        long keep = keepClosed(request.getHeader(KEEP_CLOSED));
        if (keep < 0) {
            // First: nginx 1.22 reads the headers in order, and a no-store read before this hint would win.
            response.setHeader("X-Accel-Expires", "@" + nowMillis / 1000);
            response.setHeader("Cache-Control", "no-store");
            return;
        }
        // The bound on a line of its own, before the hint: nginx 1.22 reads no Cache-Control after X-Accel-Expires,
        // and none at all from a line that says no-store. stale-while-revalidate bounds the last answer handed out
        // while one request asks the breaker (nginx's "updating"), stale-if-error the one given when it cannot.
        response.setHeader("Cache-Control", "stale-while-revalidate=" + keep + ", stale-if-error=" + keep);
        response.setHeader("X-Accel-Expires", "@" + nowMillis / 1000);
        response.addHeader("Cache-Control", "no-store");
    }

    /** The seconds a front asked for, or -1 when it asked for none (or for something that is not 0 to a day). */
    static long keepClosed(String header) {
        if (header == null || !header.matches("[0-9]{1,6}")) {
            return -1;
        }
        long seconds = Long.parseLong(header);
        return seconds <= MAX_KEEP_CLOSED ? seconds : -1;
    }
}
