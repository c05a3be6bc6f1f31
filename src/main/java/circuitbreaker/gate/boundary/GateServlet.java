package circuitbreaker.gate.boundary;

import circuitbreaker.gate.control.Bypass;
import circuitbreaker.gate.control.Gate;
import circuitbreaker.maintenance.control.MaintenanceStore;
import circuitbreaker.page.boundary.PageAnswer;
import circuitbreaker.page.boundary.ProxyCache;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * /api/maintenance/gate: asked by the front proxy before each visitor's request (nginx auth_request, Caddy
 * forward_auth, Traefik ForwardAuth), with the visitor's URI in X-Forwarded-Uri and the visitor's own headers.
 * Open: 204. Closed: the page itself (forward-auth proxies hand it to the visitor), or, with {@code ?status=401}
 * (or 403) for nginx, whose auth_request understands nothing else, that bare status. A plain servlet: it answers from
 * memory on every request, and the exact mapping wins over JAX-RS's "/*".
 */
@WebServlet("/api/maintenance/gate")
public class GateServlet extends HttpServlet {

    @Inject
    Gate gate;

    @Inject
    Bypass bypass;

    @Inject
    PageAnswer page;

    @Inject
    MaintenanceStore store;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String bare = request.getParameter("status");
        if (bare != null && !bare.equals("401") && !bare.equals("403")) {
            byte[] error = "{\"success\":false,\"error\":\"status must be 401 or 403\"}"
                    .getBytes(StandardCharsets.UTF_8);
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.setContentType("application/json");
            response.setContentLength(error.length);
            response.getOutputStream().write(error);
            return;
        }
        switch (gate.decide(request.getHeader("X-Forwarded-Uri"), request.getHeader("Cookie"))) {
            case OPEN -> {
                response.setStatus(HttpServletResponse.SC_NO_CONTENT);
                ProxyCache.untilTheSecondEnds(response, store.now());
            }
            case CLOSED -> {
                if (bare == null) {
                    page.write(request, response);
                } else {
                    response.setStatus(Integer.parseInt(bare));
                    ProxyCache.untilTheSecondEnds(response, store.now());
                    response.setContentLength(0);
                }
            }
            case GRANT_BYPASS -> {
                if (bare == null) {
                    BypassGrant.write(request, response, bypass);
                } else {
                    // nginx routes the refused request to the breaker itself, whose filter grants the cookie.
                    response.setStatus(Integer.parseInt(bare));
                    response.setHeader("Cache-Control", "no-store");
                    response.setContentLength(0);
                }
            }
        }
    }
}
