package circuitbreaker.timeline.boundary;

import circuitbreaker.access.Refusals;
import circuitbreaker.maintenance.entity.Scope;
import circuitbreaker.platform.NoStore;
import circuitbreaker.platform.Refusal;
import circuitbreaker.timeline.control.Timeline;
import circuitbreaker.timeline.entity.HistoryAnswer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** /api/maintenance/history: the timeline of what visitors were told, newest first, and how past work overran. */
@Path("api/maintenance/history")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class HistoryResource {

    static final int MAX_LIMIT = 1000;

    @Inject
    Timeline timeline;

    @Inject
    Refusals refusals;

    @GET
    @Operation(summary = "The newest changes and finished maintenances (limit, default 50, at most 1000), and overruns",
            description = "Each change names who made it (by) for an operator's or viewer's token; for others by is "
                    + "null.")
    public Response history(@QueryParam("limit") String limit, @Context HttpServletRequest request) {
        return history(Scope.SITE, limit, request);
    }

    Response history(String scope, String limit, HttpServletRequest request) {
        int newest;
        try {
            newest = limit == null ? 50 : Integer.parseInt(limit.strip());
        } catch (NumberFormatException e) {
            newest = -1;
        }
        if (newest < 1 || newest > MAX_LIMIT) {
            return Response.status(400).cacheControl(NoStore.cacheControl())
                    .entity(new Refusal("limit must be a whole number from 1 to " + MAX_LIMIT)).build();
        }
        HistoryAnswer answer = timeline.answer(scope, newest);
        return Response.ok(refusals.namesAuthors(request) ? answer : answer.withoutAuthors())
                .cacheControl(NoStore.cacheControl()).build();
    }
}
