package circuitbreaker.timeline.boundary;

import circuitbreaker.maintenance.control.ScopeBook;
import circuitbreaker.platform.Errors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** /api/maintenance/scopes/{name}/history: one scope's timeline, as /api/maintenance/history gives the site's. */
@Path("api/maintenance/scopes/{name}/history")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class ScopeHistoryResource {

    @Inject
    ScopeBook scopes;

    @Inject
    HistoryResource history;

    @GET
    @Operation(summary = "One scope's newest changes and finished maintenances (limit, default 50, at most 1000)")
    public Response history(@PathParam("name") String name, @QueryParam("limit") String limit,
            @Context HttpServletRequest request) {
        if (scopes.find(name).isEmpty()) {
            return Errors.json(404, scopes.unknown(name));
        }
        return history.history(name, limit, request);
    }
}
