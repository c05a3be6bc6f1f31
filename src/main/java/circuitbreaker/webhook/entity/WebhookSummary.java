package circuitbreaker.webhook.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import java.util.Set;

/**
 * What operators see of the webhooks (the API and the console): the receivers, never their secrets, how many
 * deliveries wait, and the most recent ones, newest first.
 */
@JsonbPropertyOrder({"receivers", "pending", "deliveries"})
public record WebhookSummary(List<Receiver> receivers, long pending, List<Attempts> deliveries) {

    @JsonbPropertyOrder({"url", "events", "format"})
    public record Receiver(String url, Set<String> events, String format) {

        public static Receiver of(Subscriber subscriber) {
            return new Receiver(subscriber.url(), subscriber.events(), subscriber.format());
        }
    }

    @JsonbPropertyOrder({"id", "url", "type", "status", "attempts", "nextAttemptAt", "lastStatus", "lastError",
            "createdAt"})
    public record Attempts(String id, String url, String type, String status, int attempts, Long nextAttemptAt,
            Integer lastStatus, String lastError, long createdAt) {

        public static Attempts of(Delivery d) {
            return new Attempts(d.id(), d.url(), d.type(), d.status(), d.attempts(), d.nextAttemptAt(), d.lastStatus(),
                    d.lastError(), d.createdAt());
        }
    }
}
