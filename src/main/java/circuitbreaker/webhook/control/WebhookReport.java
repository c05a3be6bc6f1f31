package circuitbreaker.webhook.control;

import circuitbreaker.webhook.entity.Delivery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import java.util.Set;

/** What operators see of the webhooks (the API and the console): the receivers, never their secrets, and deliveries. */
@ApplicationScoped
public class WebhookReport {

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

    /** The receivers and the most recent deliveries, newest first. */
    public Overview overview(int recent) {
        return new Overview(
                subscribers.current().stream().map(s -> new Receiver(s.url(), s.events(), s.format())).toList(),
                deliveries.pending(), deliveries.recent(recent).stream().map(Attempts::of).toList());
    }
}
