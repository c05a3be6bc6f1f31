package circuitbreaker.page.control;

import circuitbreaker.maintenance.control.MaintenanceStore;
import circuitbreaker.maintenance.entity.Phase;
import circuitbreaker.maintenance.entity.Scope;
import circuitbreaker.maintenance.entity.Status;
import circuitbreaker.platform.Metrics;
import circuitbreaker.platform.ProxyCache;
import circuitbreaker.timeline.control.Timeline;
import circuitbreaker.timeline.entity.TimelineEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The maintenance page as the answer to a request: 503 with Retry-After, as HTML or, for clients that prefer it, as
 * JSON. Written by the catch-all filter and by the gate (forward-auth proxies hand the gate's answer to visitors).
 */
@ApplicationScoped
public class PageAnswer {

    /** The JSP, declared by name in web.xml: a dispatch by path would be taken by JAX-RS's "/*" mapping. */
    static final String PAGE = "maintenance-page";

    @Inject
    MaintenanceStore store;

    @Inject
    InlineAssets assets;

    @Inject
    RenderedPages pages;

    @Inject
    Timeline timeline;

    @Inject
    Jsonb jsonb;

    @Inject
    Metrics metrics;

    @Inject
    PageCopy copy;

    @Inject
    @ConfigProperty(name = "circuit.breaker.retry.after", defaultValue = "300")
    long defaultRetryAfter;

    @Inject
    @ConfigProperty(name = "circuit.breaker.site.url", defaultValue = "/")
    String siteUrl;

    @JsonbPropertyOrder({"status", "isActive", "message", "currentIssue", "countdown", "estimatedCompletion",
            "retryAfter"})
    public record JsonPage(String status, boolean isActive, String message, String currentIssue, long countdown,
            Long estimatedCompletion, long retryAfter) {
    }

    public void write(HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(request, response, Scope.SITE);
    }

    /** The page of one scope: its message, countdown and live feed. */
    public void write(HttpServletRequest request, HttpServletResponse response, String scope) throws IOException {
        metrics.count("circuitbreaker_page_views");
        Status status = store.status(scope);
        long retryAfter = retryAfter(status);
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", Long.toString(retryAfter));
        ProxyCache.untilTheSecondEnds(request, response, store.now());
        response.setHeader("Vary", "Accept, Accept-Language");
        boolean head = request.getMethod().equals("HEAD");
        if (PreferredType.prefersJson(request.getHeader("Accept"))) {
            response.setContentType("application/json;charset=UTF-8");
            if (!head) {
                response.getWriter().write(jsonb.toJson(notice(status, retryAfter)));
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
        byte[] html = page(request, response, scope, status, lang);
        if (scope.equals(Scope.SITE) && copy.wants(status)) {
            copy.keep(status, html);
        }
        response.setContentLength(html.length);
        response.getOutputStream().write(html);
    }

    /**
     * Renders the page once in every language before the first visitor comes (the template compiles on first use,
     * which took a second): ready means the first visitor is served as fast as the next.
     */
    public void warmUp(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Status status = store.status();
        for (String lang : PageText.LANGUAGES) {
            page(request, response, Scope.SITE, status, lang);
        }
        jsonb.toJson(notice(status, defaultRetryAfter));
    }

    /** The scope's page with its own timeline of updates. */
    private byte[] page(HttpServletRequest request, HttpServletResponse response, String scope, Status status,
            String lang) throws IOException {
        return pages.page(scope, status, lang, () -> render(request, response, scope, status, lang,
                timeline.currentMaintenance(scope, status.isActive(), status.startTime())));
    }

    /** The seconds left: of the maintenance, or of the reopening for a visitor not let in yet; else the default. */
    private long retryAfter(Status status) {
        if (status.reopening() != null && Phase.REOPENING.key().equals(status.phase())) {
            return Math.max(1, (status.reopening().until() - store.now() + 999) / 1000);
        }
        return status.countdown() > 0 ? status.countdown() : defaultRetryAfter;
    }

    private static JsonPage notice(Status status, long retryAfter) {
        return new JsonPage("maintenance", status.isActive(), status.message(), status.currentIssue(),
                status.countdown(), status.estimatedCompletion(), retryAfter);
    }

    /**
     * The page as it would read with a draft published: the same template and text, rendered for the console's
     * preview only (never cached, never counted as a page view).
     */
    public String preview(HttpServletRequest request, HttpServletResponse response, Status draft, String lang,
            List<TimelineEntry> updates) throws IOException {
        return render(request, response, Scope.SITE, draft, lang, updates);
    }

    /** A scope's page goes back to the visitor's own URL, where the site was asked for (its data-site is empty). */
    private String render(HttpServletRequest request, HttpServletResponse response, String scope, Status status,
            String lang, List<TimelineEntry> updates) throws IOException {
        boolean site = scope.equals(Scope.SITE);
        request.setAttribute("view", PageModel.of(site ? null : scope, status, lang, site ? siteUrl : "", updates,
                store.now()));
        request.setAttribute("assets", assets);
        CapturedResponse page = new CapturedResponse(response);
        try {
            request.getServletContext().getNamedDispatcher(PAGE).include(asGet(request), page);
        } catch (ServletException e) {
            throw new IOException("the page could not be rendered", e);
        }
        return page.captured();
    }

    /** The page answers any method (a visitor's form post lands on it too); the JSP itself serves GET only. */
    private static HttpServletRequest asGet(HttpServletRequest request) {
        if (request.getMethod().equals("GET")) {
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
