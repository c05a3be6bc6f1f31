package circuitbreaker.access;

import java.security.Principal;
import java.util.List;

/**
 * Who a request comes from, once its token is known: an operator from the file, {@code default} (the configured
 * CIRCUIT_BREAKER_TOKEN, every right) or {@code loopback} (no token anywhere, a loopback client: every right). Its name
 * is what every change records as {@code by}.
 *
 * @param scopes the scopes it may change; empty: every scope
 */
public record Caller(String name, Role role, List<String> scopes) implements Principal {

    public static final Caller LOOPBACK = new Caller("loopback", Role.OPERATOR, List.of());

    public static Caller byDefault() {
        return new Caller(OperatorsFile.DEFAULT, Role.OPERATOR, List.of());
    }

    @Override
    public String getName() {
        return name;
    }

    public boolean mayChange() {
        return role == Role.OPERATOR;
    }

    /** Whether its rights reach this scope ("site" is a scope like the others: a shop team may not close it). */
    public boolean reaches(String scope) {
        return scopes.isEmpty() || scopes.contains(scope);
    }

    /** Why it may not change this scope, or null when it may. */
    public String refusalToChange(String scope) {
        if (!mayChange()) {
            return "'" + name + "' is a viewer: it may read but not change anything";
        }
        return reaches(scope) ? null : "'" + name + "' may change only " + String.join(", ", scopes) + ", not '"
                + scope + "'";
    }
}
