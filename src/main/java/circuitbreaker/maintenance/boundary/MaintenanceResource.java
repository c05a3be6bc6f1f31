package circuitbreaker.maintenance.boundary;

import circuitbreaker.access.Needs;
import circuitbreaker.access.Role;
import circuitbreaker.maintenance.control.MaintenanceStore;
import circuitbreaker.maintenance.control.UpdateParser;
import circuitbreaker.maintenance.entity.Accepted;
import circuitbreaker.maintenance.entity.Scope;
import circuitbreaker.maintenance.entity.Status;
import circuitbreaker.platform.Errors;
import circuitbreaker.platform.InvalidInput;
import circuitbreaker.platform.JsonInput;
import circuitbreaker.platform.NoStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** /api/maintenance/status: what deploy scripts read and write. */
@Path("api/maintenance/status")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class MaintenanceResource {

    @Inject
    MaintenanceStore store;

    private final UpdateParser parser = new UpdateParser();

    @GET
    @Operation(summary = "The maintenance state now, with the seconds left")
    @APIResponse(responseCode = "200", description = "The state", content = @Content(examples = @ExampleObject(
            name = "active", value = "{\"isActive\":true,\"message\":\"Upgrading the database\",\"currentIssue\":"
            + "\"Schema migration\",\"countdown\":842,\"startTime\":1795850775388,\"estimatedCompletion\":"
            + "1795851675388,\"lastBroadcast\":843,\"phase\":\"active\",\"updatedAt\":1795850779912,\"version\":12}")))
    public Response status() {
        return Response.ok(store.status()).cacheControl(NoStore.cacheControl()).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Needs(Role.OPERATOR)
    @Operation(summary = "Change the maintenance state; omitted fields keep their value",
            description = "Fields: message, currentIssue (at most 500 characters), countdown (seconds from now, "
                    + "0 to 604800), estimatedCompletion (epoch ms or null; wins over countdown), isActive. A POST "
                    + "without isActive:false puts maintenance on. Needs an operator's 'Authorization: Bearer <token>' "
                    + "when a token is configured, otherwise a loopback client.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "fifteen minutes",
            value = "{\"message\":\"Upgrading the database\",\"currentIssue\":\"Schema migration\",\"countdown\":900}")))
    @APIResponse(responseCode = "200", description = "Saved, then sent to every page",
            content = @Content(examples = @ExampleObject(name = "accepted",
                    value = "{\"success\":true,\"state\":{\"isActive\":true,\"message\":\"Upgrading the database\"}}")))
    @APIResponse(responseCode = "400", description = "Invalid; nothing changed", content = @Content(examples =
            @ExampleObject(name = "refused", value = "{\"success\":false,\"error\":\"countdown must not be negative\"}")))
    @APIResponse(responseCode = "401", description = "Token missing or wrong")
    @APIResponse(responseCode = "403", description = "A viewer's token, an operator's outside its scopes, or no token "
            + "configured and not a loopback client")
    @APIResponse(responseCode = "413", description = "Body over 16 KiB")
    @APIResponse(responseCode = "415", description = "Not application/json")
    @APIResponse(responseCode = "503", description = "Could not be saved; nothing changed")
    public Response update(@HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length, InputStream body,
            @Context SecurityContext security) {
        return update(Scope.SITE, length, body, security);
    }

    /** One scope's update: the same body and answers; the change is the caller's. */
    Response update(String scope, Long length, InputStream body, SecurityContext security) {
        try {
            if (length != null && length > JsonInput.MAX_BODY_BYTES) {
                throw JsonInput.tooLarge(); // refused before reading a byte
            }
            store.apply(scope, parser.parse(body, store.now()), security.getUserPrincipal().getName());
            Status saved = store.status(scope);
            return Response.ok(new Accepted(saved)).cacheControl(NoStore.cacheControl()).build();
        } catch (InvalidInput e) {
            return Errors.json(e.status(), e.getMessage());
        } catch (IOException e) {
            return Errors.json(503, "the state could not be saved (" + e.getMessage() + "); nothing was changed");
        }
    }
}
