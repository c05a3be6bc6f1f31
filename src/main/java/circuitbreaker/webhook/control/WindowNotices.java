package circuitbreaker.webhook.control;

import circuitbreaker.platform.FailsAlone;
import circuitbreaker.schedule.entity.WindowCancelled;
import circuitbreaker.schedule.entity.WindowScheduled;
import circuitbreaker.webhook.entity.WebhookEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Names each window planned or cancelled on this instance for the receivers: once per fleet. */
@ApplicationScoped
public class WindowNotices {

    @Inject
    Event<WebhookEvent> events;

    @FailsAlone
    void scheduled(@Observes WindowScheduled scheduled) {
        events.fire(new WebhookEvent(WebhookEvent.SCHEDULED, scheduled.window(), scheduled.window().scope()));
    }

    @FailsAlone
    void cancelled(@Observes WindowCancelled cancelled) {
        events.fire(new WebhookEvent(WebhookEvent.CANCELLED, cancelled.window(), cancelled.window().scope()));
    }
}
