package circuitbreaker.page.boundary;

import circuitbreaker.maintenance.control.MaintenanceStore;
import circuitbreaker.maintenance.entity.Status;
import circuitbreaker.monitoring.control.ServiceMetrics;
import circuitbreaker.page.control.InlineAssets;
import circuitbreaker.page.control.PageModel;
import circuitbreaker.page.control.PageText;
import circuitbreaker.page.control.PreferredType;
import circuitbreaker.page.control.RenderedPages;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every path that is not the API, /health or the socket answers the maintenance page: 503 with Retry-After, so
 * search engines and proxies learn the outage is temporary.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class MaintenancePageFilter extends HttpFilter {

    /** The JSP, declared by name in web.xml: a dispatch by path would be taken by JAX-RS's "/*" mapping. */
    static final String PAGE = "maintenance-page";
    /** Marks every answer of the breaker, so the page can tell the real site's answer from its own. */
    static final String MARKER = "X-Circuit-Breaker";
    /** Only the breaker's own API: the site's other /api/... calls get the 503 like every other path. */
    static final String API = "/api/maintenance/";
    /** Payara serves its MicroProfile endpoints inside this context once server-config moves them here. */
    static final List<String> MONITORING = List.of("/mp-health", "/mp-metrics", "/mp-openapi");
    /**
     * What browsers and home screens ask for on their own. The page declares its icon inline, so a modern browser
     * asks for none of these; older ones get a tiny, briefly cacheable "nothing here" instead of a second page.
     */
    static final Set<String> ICONS = Set.of("/favicon.ico", "/apple-touch-icon.png",
            "/apple-touch-icon-precomposed.png");

    @Inject
    MaintenanceStore store;

    @Inject
    InlineAssets assets;

    @Inject
    RenderedPages pages;

    @Inject
    Jsonb jsonb;

    @Inject
    ServiceMetrics metrics;

    @Inject
    @ConfigProperty(name = "circuit.breaker.retry.after", defaultValue = "300")
    long defaultRetryAfter;

    @Inject
    @ConfigProperty(name = "circuit.breaker.site.url", defaultValue = "/")
    String siteUrl;

    @JsonbPropertyOrder({"status", "isActive", "message", "currentIssue", "countdown", "estimatedCompletion",
            "retryAfter"})
    public record Notice(String status, boolean isActive, String message, String currentIssue, long countdown,
            Long estimatedCompletion, long retryAfter) {
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader(MARKER, "1");
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (isApplicationPath(path)) {
            chain.doFilter(request, response);
            return;
        }
        if (ICONS.contains(path)) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            response.setHeader("Cache-Control", "max-age=300");
            response.setContentLength(0);
            return;
        }
        metrics.pageView();
        Status status = store.status();
        long retryAfter = status.countdown() > 0 ? status.countdown() : defaultRetryAfter;
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", Long.toString(retryAfter));
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Vary", "Accept, Accept-Language");
        boolean head = request.getMethod().equals("HEAD");
        if (PreferredType.prefersJson(request.getHeader("Accept"))) {
            response.setContentType("application/json;charset=UTF-8");
            if (!head) {
                response.getWriter().write(jsonb.toJson(new Notice("maintenance", status.isActive(),
                        status.message(), status.currentIssue(), status.countdown(), status.estimatedCompletion(),
                        retryAfter)));
            }
            return;
        }
        String lang = PageText.language(Collections.list(request.getLocales()));
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Content-Security-Policy", assets.contentSecurityPolicy());
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Language", lang);
        if (head) {
            return; // the headers are the answer; a JSP writes its body even for HEAD
        }
        byte[] html = pages.page(status, lang, () -> render(request, response, status, lang));
        response.setContentLength(html.length);
        response.getOutputStream().write(html);
    }

    private String render(HttpServletRequest request, HttpServletResponse response, Status status, String lang)
            throws IOException {
        request.setAttribute("view", PageModel.of(status, lang, siteUrl));
        request.setAttribute("assets", assets);
        CapturedResponse page = new CapturedResponse(response);
        try {
            request.getServletContext().getNamedDispatcher(PAGE).include(asGet(request), page);
        } catch (ServletException e) {
            throw new IOException("the page could not be rendered", e);
        }
        return page.captured();
    }

    static boolean isApplicationPath(String path) {
        return path.equals("/health") || path.equals("/ws") || path.startsWith(API)
                || MONITORING.stream().anyMatch(prefix -> path.equals(prefix) || path.startsWith(prefix + "/"));
    }

    /** The page answers any method (a visitor's form post lands on it too); the JSP itself serves GET only. */
    private static HttpServletRequest asGet(HttpServletRequest request) {
        String method = request.getMethod();
        if (method.equals("GET")) {
            return request;
        }
        return new HttpServletRequestWrapper(request) {
            @Override
            public String getMethod() {
                return "GET";
            }
        };
    }
}
