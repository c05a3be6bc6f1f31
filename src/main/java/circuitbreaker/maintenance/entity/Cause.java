package circuitbreaker.maintenance.entity;

import java.util.Locale;

/** Who made the state what it is: an operator, a deploy (circuit-breaker-status deploy), a window, or the watcher. */
public enum Cause {
    OPERATOR, DEPLOY, SCHEDULE, WATCHER;

    /** The stable name used in JSON and in the page's markup. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
