package circuitbreaker.maintenance.boundary;

import circuitbreaker.maintenance.control.InvalidUpdate;
import circuitbreaker.maintenance.control.MaintenanceStore;
import circuitbreaker.maintenance.control.UpdateParser;
import circuitbreaker.maintenance.entity.Accepted;
import circuitbreaker.maintenance.entity.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;

/** /api/maintenance/status: what deploy scripts read and write. */
@Path("api/maintenance/status")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class MaintenanceResource {

    @Inject
    MaintenanceStore store;

    private final UpdateParser parser = new UpdateParser();

    @GET
    public Response status() {
        return Response.ok(store.status()).cacheControl(noStore()).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @WriteProtected
    public Response update(@HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length, InputStream body) {
        try {
            if (length != null && length > UpdateParser.MAX_BODY_BYTES) {
                throw UpdateParser.tooLarge(); // refused before reading a byte
            }
            store.apply(parser.parse(body, store.now()));
            Status saved = store.status();
            return Response.ok(new Accepted(saved)).cacheControl(noStore()).build();
        } catch (InvalidUpdate e) {
            return Errors.json(e.status(), e.getMessage());
        } catch (IOException e) {
            return Errors.json(503, "the state could not be saved (" + e.getMessage() + "); nothing was changed");
        }
    }

    static CacheControl noStore() {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return noStore;
    }
}
