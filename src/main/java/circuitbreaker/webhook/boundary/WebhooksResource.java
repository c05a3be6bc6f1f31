package circuitbreaker.webhook.boundary;

import circuitbreaker.access.Needs;
import circuitbreaker.access.Role;
import circuitbreaker.platform.NoStore;
import circuitbreaker.webhook.control.WebhookReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** /api/maintenance/webhooks: the receivers (never their secrets) and the recent deliveries, for operators. */
@Path("api/maintenance/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class WebhooksResource {

    static final int RECENT = 50;

    @Inject
    WebhookReport report;

    @GET
    @Needs(Role.VIEWER)
    @Operation(summary = "The webhook receivers and the 50 most recent deliveries (viewers and operators)")
    public Response overview() {
        return Response.ok(report.summary(RECENT)).cacheControl(NoStore.cacheControl()).build();
    }
}
