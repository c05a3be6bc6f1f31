package circuitbreaker.webhook.boundary;

import circuitbreaker.maintenance.boundary.WriteProtected;
import circuitbreaker.platform.NoStore;
import circuitbreaker.webhook.control.Deliveries;
import circuitbreaker.webhook.control.WebhookSubscribers;
import circuitbreaker.webhook.entity.Delivery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** /api/maintenance/webhooks: the receivers (never their secrets) and the recent deliveries, for operators. */
@Path("api/maintenance/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class WebhooksResource {

    static final int RECENT = 50;

    @Inject
    WebhookSubscribers subscribers;

    @Inject
    Deliveries deliveries;

    @JsonbPropertyOrder({"url", "events", "format"})
    public record Receiver(String url, Set<String> events, String format) {
    }

    @JsonbPropertyOrder({"id", "url", "type", "status", "attempts", "nextAttemptAt", "lastStatus", "lastError",
            "createdAt"})
    public record Attempts(String id, String url, String type, String status, int attempts, Long nextAttemptAt,
            Integer lastStatus, String lastError, long createdAt) {

        static Attempts of(Delivery d) {
            return new Attempts(d.id(), d.url(), d.type(), d.status(), d.attempts(), d.nextAttemptAt(), d.lastStatus(),
                    d.lastError(), d.createdAt());
        }
    }

    @JsonbPropertyOrder({"receivers", "pending", "deliveries"})
    public record Overview(List<Receiver> receivers, long pending, List<Attempts> deliveries) {
    }

    @GET
    @WriteProtected
    @Operation(summary = "The webhook receivers and the 50 most recent deliveries (needs write access)")
    public Response overview() {
        return Response.ok(new Overview(
                subscribers.current().stream().map(s -> new Receiver(s.url(), s.events(), s.format())).toList(),
                deliveries.pending(), deliveries.recent(RECENT).stream().map(Attempts::of).toList()))
                .cacheControl(NoStore.cacheControl()).build();
    }
}
