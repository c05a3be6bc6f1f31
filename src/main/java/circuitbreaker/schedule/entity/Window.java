package circuitbreaker.schedule.entity;

import circuitbreaker.maintenance.entity.Scope;
import jakarta.json.bind.annotation.JsonbCreator;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.io.Serializable;
import java.util.UUID;

/**
 * A planned maintenance window: its first (or only) start and end, what visitors read during it, and an optional
 * calendar rule that repeats it.
 *
 * @param scope the scope it closes ({@link Scope#SITE}, the whole site, in files written before scopes)
 * @param by who planned it (an operator's name); null in files from before, and for callers who are not operators
 */
@JsonbPropertyOrder({"id", "scope", "start", "end", "message", "currentIssue", "recurrence", "createdAt", "by"})
public record Window(String id, long start, long end, String message, String currentIssue, Recurrence recurrence,
        long createdAt, String scope, String by) implements Serializable {

    @JsonbCreator
    public Window {
        scope = scope == null ? Scope.SITE : scope;
    }

    /** A window of the whole site. */
    public Window(String id, long start, long end, String message, String currentIssue, Recurrence recurrence,
            long createdAt) {
        this(id, start, end, message, currentIssue, recurrence, createdAt, Scope.SITE, null);
    }

    public static String newId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** The same window for another scope. */
    public Window in(String otherScope) {
        return new Window(id, start, end, message, currentIssue, recurrence, createdAt, otherScope, by);
    }

    /** The same window, planned by this operator (null: as anyone may read it, without its author). */
    public Window plannedBy(String name) {
        return new Window(id, start, end, message, currentIssue, recurrence, createdAt, scope, name);
    }

    public boolean of(String aScope) {
        return scope.equals(aScope);
    }
}
