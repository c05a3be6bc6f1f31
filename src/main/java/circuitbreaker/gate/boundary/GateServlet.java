package circuitbreaker.gate.boundary;

import circuitbreaker.gate.control.Bypass;
import circuitbreaker.gate.control.Gate;
import circuitbreaker.maintenance.control.MaintenanceStore;
import circuitbreaker.page.control.PageAnswer;
import circuitbreaker.platform.Errors;
import circuitbreaker.platform.ProxyCache;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * /api/maintenance/gate: asked by the front proxy before each visitor's request, with the visitor's URI in
 * X-Forwarded-Uri and the visitor's own headers. Open: 204. Closed: the page itself (Caddy forward_auth and Traefik
 * ForwardAuth hand it to the visitor). Two variants for proxies that route on a status:
 * <ul>
 * <li>{@code ?open=421} (any 4xx): open is that bare status and closed is the page, so a proxy that caches the
 * answer serves the page from one lookup and sends the rest to the site (the shipped nginx file);</li>
 * <li>{@code ?status=401} (or 403): closed is that bare status, for nginx's auth_request, which understands nothing
 * else.</li>
 * </ul>
 * A plain servlet: it answers from memory on every request, and the exact mapping wins over JAX-RS's "/*".
 */
@WebServlet(urlPatterns = "/api/maintenance/gate", loadOnStartup = 1)
public class GateServlet extends HttpServlet {

    /**
     * "shared" when the front keeps this answer for every path of the site (nginx does, but for the paths it asks about
     * on their own): the answer must then not depend on the path.
     */
    static final String SHARING = "X-Circuit-Breaker-Scope";

    @Inject
    Gate gate;

    @Inject
    Bypass bypass;

    @Inject
    PageAnswer page;

    @Inject
    MaintenanceStore store;

    /** Creates what the gate needs now, not with the first visitor's request. */
    @Override
    public void init() {
        gate.decide("/", null, false);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String bare = request.getParameter("status");
        String open = request.getParameter("open");
        if (bare != null && !bare.equals("401") && !bare.equals("403")) {
            refuse(response, "status must be 401 or 403");
            return;
        }
        if (open != null && !open.matches("4[0-9][0-9]")) {
            refuse(response, "open must be a 4xx status, such as 421");
            return;
        }
        if (bare != null && open != null) {
            refuse(response, "give status (for auth_request) or open (for a proxy that routes on it), not both");
            return;
        }
        // The Host the front passes on (nginx: Host $host; Caddy passes it unchanged), never X-Forwarded-Host, which
        // a visitor could write to pick an open scope.
        Gate.Verdict verdict = gate.decide(request.getHeader("Host"), request.getHeader("X-Forwarded-Uri"),
                request.getHeader("Cookie"), "shared".equals(request.getHeader(SHARING)));
        switch (verdict.decision()) {
            case OPEN -> {
                if (open == null) {
                    response.setStatus(HttpServletResponse.SC_NO_CONTENT); // no Content-Length on a 204
                    ProxyCache.untilTheSecondEnds(request, response, store.now());
                } else {
                    bareStatus(request, response, open);
                }
            }
            case CLOSED -> {
                if (bare == null) {
                    page.write(request, response, verdict.scope());
                } else {
                    bareStatus(request, response, bare);
                }
            }
            case GRANT_BYPASS -> {
                if (bare == null) {
                    BypassGrant.write(request, response, bypass);
                } else {
                    // nginx routes the refused request to the breaker itself, whose bypass servlet grants the cookie.
                    response.setStatus(Integer.parseInt(bare));
                    response.setHeader("Cache-Control", "no-store");
                    response.setContentLength(0);
                }
            }
        }
    }

    /** A status with no body, kept by the proxy to the end of this second like every other answer of the gate. */
    private void bareStatus(HttpServletRequest request, HttpServletResponse response, String status) {
        response.setStatus(Integer.parseInt(status));
        ProxyCache.untilTheSecondEnds(request, response, store.now());
        response.setContentLength(0);
    }

    private static void refuse(HttpServletResponse response, String error) throws IOException {
        Errors.write(response, HttpServletResponse.SC_BAD_REQUEST, error);
    }
}
