package circuitbreaker.gate.boundary;

import circuitbreaker.gate.control.Bypass;
import circuitbreaker.platform.Https;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The answer to a presented bypass secret: the cookie, then on to the site's front page. */
public final class BypassGrant {

    private BypassGrant() {
    }

    public static void write(HttpServletRequest request, HttpServletResponse response, Bypass bypass) {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", "/");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer"); // the secret is in this URL: never pass it on
        response.addHeader("Set-Cookie", bypass.cookie(System.currentTimeMillis(), Https.used(request)));
        response.setContentLength(0);
    }
}
