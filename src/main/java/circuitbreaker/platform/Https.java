package circuitbreaker.platform;

import jakarta.servlet.http.HttpServletRequest;

/** Whether a visitor came over https, to the breaker or to the front before it: then the cookies it gets are Secure. */
public final class Https {

    private Https() {
    }

    public static boolean used(HttpServletRequest request) {
        return request.isSecure() || "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
    }
}
