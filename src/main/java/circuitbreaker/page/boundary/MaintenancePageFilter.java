package circuitbreaker.page.boundary;

import circuitbreaker.maintenance.control.MaintenanceStore;
import circuitbreaker.maintenance.control.ScopeBook;
import circuitbreaker.maintenance.entity.Scope;
import circuitbreaker.page.control.PageAnswer;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * Every path that is not the API, /health or the socket answers the maintenance page: 503 with Retry-After, so
 * search engines and proxies learn the outage is temporary.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class MaintenancePageFilter extends HttpFilter {

    /** Marks every answer of the breaker, so the page can tell the real site's answer from its own. */
    static final String MARKER = "X-Circuit-Breaker";
    /** Only the breaker's own API: the site's other /api/... calls get the 503 like every other path. */
    static final String API = "/api/maintenance/";
    /** The operators' console: behind the token, like the API's writes. */
    static final String CONSOLE = "/console";
    /**
     * The breaker's public paths, under a prefix of its own that a site's paths do not collide with: the page's live
     * socket (a scope's page: {@link #SCOPE_FEED}), where it turns a reopening's admission into its cookie, and the
     * banner with what it reads. The shipped front proxies pass exactly these (and the bypass) to the breaker; every
     * other path of the site goes through the gate.
     */
    public static final String PUBLIC = "/circuit-breaker/";
    static final Set<String> PUBLIC_PATHS = Set.of(PUBLIC + "ws", PUBLIC + "admit", PUBLIC + "upcoming",
            PUBLIC + "banner.js");
    static final String SCOPE_FEED = PUBLIC + "ws/";
    /** The bypass, answered by the gate: the right secret gets its cookie, anything else the page. */
    static final String BYPASS = "/circuit-breaker-bypass/";
    /** Payara serves its MicroProfile endpoints inside this context once server-config moves them here. */
    static final List<String> MONITORING = List.of("/mp-health", "/mp-metrics", "/mp-openapi");
    /**
     * What browsers and home screens ask for on their own. The page declares its icon inline, so a modern browser
     * asks for none of these; older ones get a tiny, briefly cacheable "nothing here" instead of a second page.
     */
    static final Set<String> ICONS = Set.of("/favicon.ico", "/apple-touch-icon.png",
            "/apple-touch-icon-precomposed.png");

    @Inject
    PageAnswer page;

    @Inject
    ScopeBook scopes;

    @Inject
    MaintenanceStore store;


    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader(MARKER, "1");
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (isApplicationPath(path)) {
            chain.doFilter(request, response);
        } else if (ICONS.contains(path)) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            response.setHeader("Cache-Control", "max-age=300");
            response.setContentLength(0);
        } else { // the closed scope's page, as the gate gives it, for fronts that fetch the page on their own
            page.write(request, response, scopes.closedPart(request.getHeader("Host"), path,
                    name -> store.current(name).isActive()).map(Scope::name).orElse(Scope.SITE));
        }
    }

    static boolean isApplicationPath(String path) {
        return path.equals("/health") || path.equals("/ws") || PUBLIC_PATHS.contains(path) || path.equals(CONSOLE)
                || path.equals(CONSOLE + "/sign-in") || path.equals(CONSOLE + "/sign-out")
                || path.startsWith(API) || path.startsWith(BYPASS) || path.startsWith(SCOPE_FEED)
                || MONITORING.stream().anyMatch(prefix -> path.equals(prefix) || path.startsWith(prefix + "/"));
    }
}
