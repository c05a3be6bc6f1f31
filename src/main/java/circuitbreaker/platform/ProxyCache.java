package circuitbreaker.platform;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Browsers must never keep the breaker's answers (no-store), but a front proxy may keep one until the end of the
 * current second: the page shows a countdown in whole seconds, and the gate must follow an update within a second.
 * nginx reads X-Accel-Expires (an absolute second here, so never longer) and does not pass it on to visitors.
 */
public final class ProxyCache {

    private ProxyCache() {
    }

    public static void untilTheSecondEnds(HttpServletResponse response, long nowMillis) {
        // First: nginx 1.22 reads the headers in order, and a no-store read before this hint would win.
        response.setHeader("X-Accel-Expires", "@" + nowMillis / 1000);
        response.setHeader("Cache-Control", "no-store");
    }
}
