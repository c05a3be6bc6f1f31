package circuitbreaker.webhook.control;

import circuitbreaker.webhook.entity.Delivery;
import circuitbreaker.webhook.entity.Subscriber;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

/**
 * One attempt of a delivery as its receiver gets it: the same webhook-id on every attempt, signed with the time of this
 * attempt, not of the event. Receivers refuse a timestamp older than their tolerance (the reference libraries: 5
 * minutes), and a retry after a receiver's outage comes later than that.
 */
final class WebhookRequest {

    private WebhookRequest() {
    }

    static HttpRequest of(Delivery delivery, Subscriber subscriber, long attemptSeconds, Duration timeout) {
        return HttpRequest.newBuilder(URI.create(delivery.url())).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "circuit-breaker-webhooks")
                .header("webhook-id", delivery.id())
                .header("webhook-timestamp", Long.toString(attemptSeconds))
                .header("webhook-signature", Signature.sign(Signature.key(subscriber.secret()), delivery.id(),
                        attemptSeconds, delivery.body()))
                .POST(HttpRequest.BodyPublishers.ofString(delivery.body())).build();
    }
}
