package circuitbreaker.schedule.boundary;

import circuitbreaker.access.Needs;
import circuitbreaker.access.Refusals;
import circuitbreaker.access.Role;
import circuitbreaker.maintenance.control.MaintenanceStore;
import circuitbreaker.maintenance.control.UpdateParser;
import circuitbreaker.maintenance.entity.Scope;
import circuitbreaker.platform.Errors;
import circuitbreaker.platform.InvalidInput;
import circuitbreaker.platform.JsonInput;
import circuitbreaker.platform.NoStore;
import circuitbreaker.schedule.control.WindowParser;
import circuitbreaker.schedule.control.Windows;
import circuitbreaker.schedule.entity.Listed;
import circuitbreaker.schedule.entity.Occurrence;
import circuitbreaker.schedule.entity.Window;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.function.Predicate;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** /api/maintenance/windows: planned maintenance, created, listed and cancelled by deploy scripts and operators. */
@Path("api/maintenance/windows")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class WindowsResource {

    /** How many coming occurrences the list shows per window. */
    static final int NEXT = 3;

    @Inject
    Windows windows;

    @Inject
    Refusals refusals;


    @Inject
    MaintenanceStore store;

    private final WindowParser parser = new WindowParser();

    /** @param next the window's coming occurrences */
    public record Created(boolean success, Window window, List<Occurrence> next) {
    }

    @GET
    @Operation(summary = "Every window with its next occurrences, soonest first")
    public Response list(@Context HttpServletRequest request) {
        return listed(request, scope -> true);
    }

    /** The windows of the scopes asked for; who planned each only for operators and viewers. */
    Response listed(HttpServletRequest request, Predicate<String> scopes) {
        boolean operator = refusals.namesAuthors(request);
        return Response.ok(windows.list(NEXT).stream().filter(l -> scopes.test(l.window().scope()))
                .map(l -> operator ? l : l.withoutAuthor()).toList()).cacheControl(NoStore.cacheControl()).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Needs(Role.OPERATOR)
    @Operation(summary = "Plan a window: start, end (epoch ms or ISO-8601 with an offset), message, currentIssue, "
            + "and optionally recurrence {every: day|week, days, zone}")
    public Response create(@HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length, InputStream body,
            @Context SecurityContext security) {
        return create(Scope.SITE, length, body, security);
    }

    /** A window of one scope: the same body and answers; planned by the caller. */
    Response create(String scope, Long length, InputStream body, SecurityContext security) {
        try {
            if (length != null && length > JsonInput.MAX_BODY_BYTES) {
                throw JsonInput.tooLarge();
            }
            Window window = windows.add(parser.parse(body, Window.newId(), store.now()).in(scope)
                    .plannedBy(security.getUserPrincipal().getName()));
            Listed listed = windows.list(NEXT).stream().filter(l -> l.window().id().equals(window.id())).findFirst()
                    .orElseThrow();
            return Response.created(URI.create("api/maintenance/windows/" + window.id())).cacheControl(NoStore.cacheControl())
                    .entity(new Created(true, window, listed.next())).build();
        } catch (InvalidInput e) {
            return Errors.json(e.status(), e.getMessage());
        } catch (IOException e) {
            return Errors.json(503, "the windows could not be saved (" + e.getMessage() + "); nothing was changed");
        }
    }

    @DELETE
    @Path("{id}")
    @Needs(Role.OPERATOR)
    @Operation(summary = "Cancel a window (all its occurrences); maintenance already open stays until its end")
    public Response cancel(@PathParam("id") String id, @Context SecurityContext security) {
        Response refused = windows.window(id).map(window -> refusals.refusalToChange(security, window.scope()))
                .orElse(null);
        if (refused != null) {
            return refused;
        }
        try {
            return windows.cancel(id, security.getUserPrincipal().getName()) ? Response.noContent().build()
                    : Errors.json(404, "id: no window '" + id + "'; GET /api/maintenance/windows lists them");
        } catch (IOException e) {
            return Errors.json(503, "the windows could not be saved (" + e.getMessage() + "); nothing was changed");
        }
    }
}
