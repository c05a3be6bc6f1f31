package circuitbreaker.reopen.boundary;

import circuitbreaker.access.Needs;
import circuitbreaker.access.Role;
import circuitbreaker.maintenance.control.MaintenanceStore;
import circuitbreaker.maintenance.entity.AdmissionStatus;
import circuitbreaker.maintenance.entity.Author;
import circuitbreaker.platform.Errors;
import circuitbreaker.platform.InvalidInput;
import circuitbreaker.platform.JsonInput;
import circuitbreaker.platform.NoStore;
import circuitbreaker.reopen.control.AdmissionRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * /api/maintenance/admission: the waiting room of a site that is up but overloaded (SPEC §20). GET says whether it is
 * on, with its rate and this instance's line; POST turns it on, changes it or ends it.
 */
@Path("api/maintenance/admission")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class AdmissionResource {

    /** What GET answers while it is off. */
    static final AdmissionStatus OFF = new AdmissionStatus(false, 0, 0, 0, null, 0, 0);

    @Inject
    MaintenanceStore store;

    @GET
    @Operation(summary = "Admission mode now: on or off, its rate, idle time, and this instance's line")
    public Response admission() {
        AdmissionStatus shown = store.status().admission();
        return Response.ok(shown == null ? OFF : shown).cacheControl(NoStore.cacheControl()).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Needs(Role.OPERATOR)
    @Operation(summary = "Turn admission mode on or change it ({\"active\":true,\"perMinute\":600,\"idleSeconds\":300})"
            + " or end it ({\"active\":false})")
    public Response change(InputStream body, @Context SecurityContext security) {
        try {
            AdmissionRequest request = AdmissionRequest.parse(JsonInput.decode(JsonInput.readLimited(body)),
                    store.current().admission(), store.now());
            // Saying again what is already so changes nothing: no new version, no webhook.
            store.admissionIf(state -> !Objects.equals(state.admission(), request.mode()), request.mode(),
                    Author.operator(security.getUserPrincipal().getName()));
            return admission();
        } catch (InvalidInput e) {
            return Errors.json(e.status(), e.getMessage());
        } catch (IOException e) {
            return Errors.json(503, "the state could not be saved (" + e.getMessage() + "); nothing was changed");
        }
    }
}
