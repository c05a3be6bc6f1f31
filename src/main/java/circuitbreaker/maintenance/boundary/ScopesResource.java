package circuitbreaker.maintenance.boundary;

import circuitbreaker.access.Needs;
import circuitbreaker.access.Role;
import circuitbreaker.maintenance.control.MaintenanceStore;
import circuitbreaker.maintenance.control.ScopeBook;
import circuitbreaker.maintenance.entity.ScopeStatus;
import circuitbreaker.platform.Errors;
import circuitbreaker.platform.NoStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * /api/maintenance/scopes: every scope at a glance, and each one's status with the same JSON and answers as
 * /api/maintenance/status (SPEC §17); {@code site} is the whole site, the same state as /api/maintenance/status.
 */
@Path("api/maintenance/scopes")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class ScopesResource {

    @Inject
    ScopeBook scopes;

    @Inject
    MaintenanceStore store;

    @Inject
    MaintenanceResource site;

    @GET
    @Operation(summary = "Every scope, most specific first (site last): what it covers and its status now")
    public Response all() {
        List<ScopeStatus> all = ScopeStatus.every(scopes.all(), store::status);
        return Response.ok(all).cacheControl(NoStore.cacheControl()).build();
    }

    @GET
    @Path("{name}/status")
    @Operation(summary = "One scope's maintenance state now, as /api/maintenance/status gives the site's")
    @APIResponse(responseCode = "404", description = "No scope of that name")
    public Response status(@PathParam("name") String name) {
        if (scopes.find(name).isEmpty()) {
            return Errors.json(404, scopes.unknown(name));
        }
        return Response.ok(store.status(name)).cacheControl(NoStore.cacheControl()).build();
    }

    @POST
    @Path("{name}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @Needs(Role.OPERATOR)
    @Operation(summary = "Change one scope's state: the body and answers of POST /api/maintenance/status; a scope "
            + "other than site reopens without a line: its waiting pages go back spread over reopenSeconds")
    @APIResponse(responseCode = "404", description = "No scope of that name; nothing changed")
    public Response update(@PathParam("name") String name, @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length,
            InputStream body, @Context SecurityContext security) {
        if (scopes.find(name).isEmpty()) {
            return Errors.json(404, scopes.unknown(name));
        }
        return site.update(name, length, body, security);
    }
}
