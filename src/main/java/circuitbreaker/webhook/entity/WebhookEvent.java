package circuitbreaker.webhook.entity;

import circuitbreaker.maintenance.entity.Scope;

/**
 * Something the team must hear of: a webhook event's type and its data (any JSON-B value).
 * Fired as a CDI event by whoever made the change, on the member that made it: once per fleet.
 *
 * @param scope whose maintenance it is about: "site" for the whole site
 */
public record WebhookEvent(String type, Object data, String scope) {

    /** An event of the whole site. */
    public WebhookEvent(String type, Object data) {
        this(type, data, Scope.SITE);
    }

    public boolean ofSite() {
        return Scope.SITE.equals(scope);
    }

    public static final String OPENED = "maintenance.opened";
    public static final String UPDATED = "maintenance.updated";
    public static final String CLOSED = "maintenance.closed";
    public static final String SCHEDULED = "window.scheduled";
    public static final String CANCELLED = "window.cancelled";
    public static final String TRIPPED = "breaker.tripped";
    public static final String RECOVERED = "breaker.recovered";
    public static final String REOPENING_STARTED = "reopening.started";
    public static final String REOPENING_ENDED = "reopening.ended";
    public static final String ADMISSION_STARTED = "admission.started";
    public static final String ADMISSION_CHANGED = "admission.changed";
    public static final String ADMISSION_ENDED = "admission.ended";
    /** A deploy (circuit-breaker-status deploy) failed: its scope stays closed, with the reason in the message. */
    public static final String DEPLOY_FAILED = "deploy.failed";
}
