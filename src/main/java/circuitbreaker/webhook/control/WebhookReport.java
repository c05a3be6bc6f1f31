package circuitbreaker.webhook.control;

import circuitbreaker.webhook.entity.WebhookSummary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Gathers what operators see of the webhooks, for the API and the console, from the receivers and the journal. */
@ApplicationScoped
public class WebhookReport {

    @Inject
    WebhookSubscribers subscribers;

    @Inject
    Deliveries deliveries;

    /** The receivers and the most recent deliveries, newest first. */
    public WebhookSummary summary(int recent) {
        return new WebhookSummary(subscribers.current().stream().map(WebhookSummary.Receiver::of).toList(),
                deliveries.pending(), deliveries.recent(recent).stream().map(WebhookSummary.Attempts::of).toList());
    }
}
