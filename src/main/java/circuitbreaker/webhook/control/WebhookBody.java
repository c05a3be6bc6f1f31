package circuitbreaker.webhook.control;

import circuitbreaker.maintenance.entity.MaintenanceState;
import circuitbreaker.schedule.entity.Window;
import circuitbreaker.webhook.entity.Subscriber;
import circuitbreaker.webhook.entity.WebhookEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.Map;

/** A notice as a receiver reads it: Standard Webhooks' {"type", "timestamp", "data"}, or a chat line {"text"}. */
@ApplicationScoped
public class WebhookBody {

    @Inject
    Jsonb jsonb;

    @JsonbPropertyOrder({"type", "timestamp", "data"})
    public record Payload(String type, String timestamp, Object data) {
    }

    /** A scope's notice names it beside the type; the whole site's keep the shape they always had. */
    @JsonbPropertyOrder({"type", "scope", "timestamp", "data"})
    public record ScopedPayload(String type, String scope, String timestamp, Object data) {
    }

    public String of(Subscriber subscriber, WebhookEvent notice, long now) {
        if (subscriber.format().equals("slack")) {
            return jsonb.toJson(Map.of("text", (notice.ofSite() ? "" : "[" + notice.scope() + "] ") + text(notice)));
        }
        String at = Instant.ofEpochMilli(now).toString();
        return jsonb.toJson(notice.ofSite() ? new Payload(notice.type(), at, notice.data())
                : new ScopedPayload(notice.type(), notice.scope(), at, notice.data()));
    }

    static String text(WebhookEvent notice) {
        String what = switch (notice.type()) {
            case WebhookEvent.OPENED -> "Maintenance is on";
            case WebhookEvent.UPDATED -> "Maintenance updated";
            case WebhookEvent.CLOSED -> "Maintenance is over";
            case WebhookEvent.TRIPPED -> "The breaker tripped: the site is failing, maintenance is on";
            case WebhookEvent.RECOVERED -> "The breaker recovered: the site answers again";
            case WebhookEvent.SCHEDULED -> "Maintenance window planned";
            case WebhookEvent.CANCELLED -> "Maintenance window cancelled";
            case WebhookEvent.REOPENING_STARTED -> "Reopening: visitors are let back in the order they waited";
            case WebhookEvent.REOPENING_ENDED -> "Reopening over";
            case WebhookEvent.ADMISSION_STARTED -> "Admission mode on: new visitors wait their turn";
            case WebhookEvent.ADMISSION_CHANGED -> "Admission mode changed";
            case WebhookEvent.ADMISSION_ENDED -> "Admission mode off: everyone may come";
            case WebhookEvent.DEPLOY_FAILED -> "A deploy failed: the site stays closed";
            default -> notice.type();
        };
        if (notice.data() instanceof MaintenanceState state && state.reopening() != null
                && (notice.type().equals(WebhookEvent.REOPENING_STARTED) || notice.type().equals(WebhookEvent.REOPENING_ENDED))) {
            return what + (state.reopening().admitted() == null ? ", everyone in by " + Instant.ofEpochMilli(
                    state.reopening().until()) : ": " + state.reopening().admitted() + " visitor(s) let in by their turn");
        }
        if (notice.data() instanceof MaintenanceState state && notice.type().startsWith("admission.")) {
            return what + (state.admission() == null ? "" : ", " + state.admission().perMinute()
                    + " new visitors a minute");
        }
        if (notice.data() instanceof MaintenanceState state) {
            String until = state.isActive() && state.estimatedCompletion() != null
                    ? " (until " + Instant.ofEpochMilli(state.estimatedCompletion()) + ")" : "";
            return what + ": " + state.message() + until + (state.by() == null ? "" : " (by " + state.by() + ")");
        }
        if (notice.data() instanceof Window window) {
            return what + ": " + Instant.ofEpochMilli(window.start()) + " to " + Instant.ofEpochMilli(window.end())
                    + ": " + window.message() + (window.by() == null ? "" : " (planned by " + window.by() + ")");
        }
        return what;
    }
}
