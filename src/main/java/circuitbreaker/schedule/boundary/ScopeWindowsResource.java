package circuitbreaker.schedule.boundary;

import circuitbreaker.access.Needs;
import circuitbreaker.access.Role;
import circuitbreaker.maintenance.control.ScopeBook;
import circuitbreaker.platform.Errors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
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
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * /api/maintenance/scopes/{name}/windows: one scope's planned windows, with the body and answers of
 * /api/maintenance/windows (which lists every scope's, and cancels any by id).
 */
@Path("api/maintenance/scopes/{name}/windows")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class ScopeWindowsResource {

    @Inject
    ScopeBook scopes;

    @Inject
    WindowsResource all;

    @GET
    @Operation(summary = "One scope's windows with their next occurrences, soonest first")
    public Response list(@PathParam("name") String name, @Context HttpServletRequest request) {
        if (scopes.find(name).isEmpty()) {
            return Errors.json(404, scopes.unknown(name));
        }
        return all.listed(request, name::equals);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Needs(Role.OPERATOR)
    @Operation(summary = "Plan a window of one scope: the body of POST /api/maintenance/windows")
    public Response create(@PathParam("name") String name, @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length,
            InputStream body, @Context SecurityContext security) {
        return scopes.find(name).isEmpty() ? Errors.json(404, scopes.unknown(name))
                : all.create(name, length, body, security);
    }
}
