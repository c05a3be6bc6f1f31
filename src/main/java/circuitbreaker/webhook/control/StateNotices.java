package circuitbreaker.webhook.control;

import circuitbreaker.maintenance.entity.Cause;
import circuitbreaker.maintenance.entity.MaintenanceState;
import circuitbreaker.maintenance.entity.StateChanged;
import circuitbreaker.webhook.entity.WebhookEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Names each change of the state this instance made (a change taken from another member was told there: once per
 * fleet): opened, updated or closed, and when the watcher did it, tripped or recovered as well.
 */
@ApplicationScoped
public class StateNotices {

    @Inject
    Event<WebhookEvent> notices;

    void changed(@Observes StateChanged change) {
        if (!change.local()) {
            return;
        }
        MaintenanceState before = change.before();
        MaintenanceState now = change.state();
        boolean watcher = now.causedBy(Cause.WATCHER);
        if (!before.isActive() && now.isActive()) {
            notices.fire(new WebhookEvent(WebhookEvent.OPENED, now));
            if (watcher) {
                notices.fire(new WebhookEvent(WebhookEvent.TRIPPED, now));
            }
        } else if (before.isActive() && !now.isActive()) {
            notices.fire(new WebhookEvent(WebhookEvent.CLOSED, now));
            if (watcher) {
                notices.fire(new WebhookEvent(WebhookEvent.RECOVERED, now));
            }
        } else {
            notices.fire(new WebhookEvent(WebhookEvent.UPDATED, now));
        }
    }
}
