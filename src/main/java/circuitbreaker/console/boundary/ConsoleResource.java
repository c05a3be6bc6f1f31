package circuitbreaker.console.boundary;

import circuitbreaker.access.Caller;
import circuitbreaker.access.Needs;
import circuitbreaker.access.OpenIdSettings;
import circuitbreaker.access.Role;
import circuitbreaker.console.control.ConsoleFeed;
import circuitbreaker.console.control.ConsoleOverview;
import circuitbreaker.console.entity.SignedIn;
import circuitbreaker.maintenance.control.MaintenanceStore;
import circuitbreaker.maintenance.control.UpdateParser;
import circuitbreaker.maintenance.entity.MaintenanceState;
import circuitbreaker.maintenance.entity.Scope;
import circuitbreaker.page.control.PageAnswer;
import circuitbreaker.page.control.PageText;
import circuitbreaker.platform.Errors;
import circuitbreaker.platform.InvalidInput;
import circuitbreaker.platform.JsonInput;
import circuitbreaker.platform.NoStore;
import circuitbreaker.timeline.control.Timeline;
import circuitbreaker.timeline.entity.TimelineEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * What the console reads: the overview, its live feed and the preview of a draft. Operators only (the same access as
 * writes): the overview names webhook receivers and the watched URL. The console changes things through the same
 * API as scripts; nothing here writes.
 */
@Path("api/maintenance/console")
@ApplicationScoped
public class ConsoleResource {

    private final UpdateParser parser = new UpdateParser();

    @Inject
    ConsoleOverview overview;

    @Inject
    ConsoleFeed feed;

    @Inject
    MaintenanceStore store;

    @Inject
    Timeline timeline;

    @Inject
    PageAnswer page;

    @Inject
    Instance<OpenIdSettings> openId;

    @Context
    HttpServletRequest request;

    @Context
    HttpServletResponse response;

    @GET
    @Needs(Role.VIEWER)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Everything the console shows: state, visitors, watcher, windows, timeline, webhooks")
    public Response overview() {
        return Response.ok(overview.now()).cacheControl(NoStore.cacheControl()).build();
    }

    @GET
    @Path("sign-in")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "How the console signs people in: always with a token, and through OpenID Connect when "
            + "configured (GET /console/sign-in)")
    public Response signIn() {
        return Response.ok(Map.of("token", true, "openIdConnect", openId.isResolvable()))
                .cacheControl(NoStore.cacheControl()).build();
    }

    @GET
    @Path("caller")
    @Needs(Role.VIEWER)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Who the token belongs to: name, role (viewer or operator) and the scopes it may change")
    public Response caller(@Context SecurityContext security) {
        return Response.ok(SignedIn.of((Caller) security.getUserPrincipal())).cacheControl(NoStore.cacheControl())
                .build();
    }

    @GET
    @Path("feed")
    @Needs(Role.VIEWER)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "The overview as server-sent events named 'overview': at once, then whenever it changes")
    public void feed(@Context SseEventSink console, @Context Sse sse) {
        feed.subscribe(console, sse);
    }

    @POST
    @Path("preview")
    @Needs(Role.VIEWER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The visitor page as it would read with this draft published; nothing is saved or sent",
            description = "The body is a draft in the form POST /api/maintenance/status takes; lang is one of the "
                    + "page's languages (en, de, fr, es).")
    public Response preview(@QueryParam("lang") @DefaultValue("en") String lang,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length, InputStream body) {
        if (!PageText.LANGUAGES.contains(lang)) {
            return Errors.json(400, "lang must be one of " + String.join(", ", PageText.LANGUAGES) + ", not '"
                    + lang + "'");
        }
        try {
            if (length != null && length > JsonInput.MAX_BODY_BYTES) {
                throw JsonInput.tooLarge();
            }
            MaintenanceState draft = store.draft(parser.parse(body, store.now()));
            String html = page.preview(request, response, store.status(draft), lang, updatesWith(draft));
            return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .cacheControl(NoStore.cacheControl()).build();
        } catch (InvalidInput e) {
            return Errors.json(e.status(), e.getMessage());
        } catch (IOException e) {
            return Errors.json(500, "the preview could not be rendered (" + e.getMessage() + ")");
        }
    }

    /** The page's list of updates once the draft is published: the draft first, then this maintenance's others. */
    private List<TimelineEntry> updatesWith(MaintenanceState draft) {
        if (!draft.isActive()) {
            return List.of();
        }
        List<TimelineEntry> updates = new ArrayList<>();
        updates.add(TimelineEntry.of(draft));
        timeline.currentMaintenance(Scope.SITE, true, draft.startTime()).stream()
                .limit(Timeline.ON_THE_PAGE - 1).forEach(updates::add);
        return updates;
    }
}
