package circuitbreaker.webhook.entity;

/**
 * Something the team must hear of: a webhook event's type and its data (any JSON-B value).
 * Fired as a CDI event by whoever made the change, on the member that made it: once per fleet.
 */
public record WebhookEvent(String type, Object data) {

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
}
