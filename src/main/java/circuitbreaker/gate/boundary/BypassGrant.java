package circuitbreaker.gate.boundary;

import circuitbreaker.gate.control.Bypass;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The answer to a presented bypass secret: the cookie, then on to the site's front page. */
public final class BypassGrant {

    private BypassGrant() {
    }

    public static void write(HttpServletRequest request, HttpServletResponse response, Bypass bypass) {
        boolean secure = request.isSecure() || "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", "/");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer"); // the secret is in this URL: never pass it on
        response.addHeader("Set-Cookie", bypass.cookie(System.currentTimeMillis(), secure));
        response.setContentLength(0);
    }
}
