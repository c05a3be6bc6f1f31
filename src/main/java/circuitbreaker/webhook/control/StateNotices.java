package circuitbreaker.webhook.control;

import circuitbreaker.maintenance.entity.Cause;
import circuitbreaker.maintenance.entity.MaintenanceState;
import circuitbreaker.maintenance.entity.StateChanged;
import circuitbreaker.platform.FailsAlone;
import circuitbreaker.webhook.entity.WebhookEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Objects;

/**
 * Names each change of the state this instance made (a change taken from another member was told there: once per
 * fleet): opened, updated or closed; when the watcher did it, tripped or recovered as well; a closing with a
 * reopening, the reopening's start too; and the record of its end, with the visitors the fleet let in. Admission mode
 * turned on, changed or off is a change of its own; a deploy that failed is told besides. A scope's notices name it.
 */
@ApplicationScoped
public class StateNotices {

    @Inject
    Event<WebhookEvent> notices;

    @FailsAlone
    void changed(@Observes StateChanged change) {
        if (!change.local()) {
            return;
        }
        MaintenanceState before = change.before();
        MaintenanceState now = change.state();
        boolean watcher = now.causedBy(Cause.WATCHER);
        if (!Objects.equals(before.admission(), now.admission())) {
            notices.fire(new WebhookEvent(before.admission() == null ? WebhookEvent.ADMISSION_STARTED
                    : now.admission() == null ? WebhookEvent.ADMISSION_ENDED : WebhookEvent.ADMISSION_CHANGED, now,
                    change.scope()));
        } else if (!before.isActive() && now.isActive()) {
            notices.fire(new WebhookEvent(WebhookEvent.OPENED, now, change.scope()));
            if (watcher) {
                notices.fire(new WebhookEvent(WebhookEvent.TRIPPED, now, change.scope()));
            }
        } else if (before.isActive() && !now.isActive()) {
            notices.fire(new WebhookEvent(WebhookEvent.CLOSED, now, change.scope()));
            if (watcher) {
                notices.fire(new WebhookEvent(WebhookEvent.RECOVERED, now, change.scope()));
            }
            if (now.reopening() != null) {
                notices.fire(new WebhookEvent(WebhookEvent.REOPENING_STARTED, now, change.scope()));
            }
        } else if (now.reopening() != null && now.reopening().admitted() != null
                && (before.reopening() == null || before.reopening().admitted() == null)) {
            notices.fire(new WebhookEvent(WebhookEvent.REOPENING_ENDED, now, change.scope()));
        } else {
            notices.fire(new WebhookEvent(WebhookEvent.UPDATED, now, change.scope()));
        }
        if ("failed".equals(now.deploy())) {
            notices.fire(new WebhookEvent(WebhookEvent.DEPLOY_FAILED, now, change.scope()));
        }
    }
}
