package circuitbreaker.maintenance.entity;

import java.util.Locale;

/** Who made the state what it is: an operator, a scheduled window, or the watcher of the main site. */
public enum Cause {
    OPERATOR, SCHEDULE, WATCHER;

    /** The stable name used in JSON and in the page's markup. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
