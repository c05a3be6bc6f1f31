package circuitbreaker.console.entity;

import circuitbreaker.access.Caller;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/**
 * Who the console is signed in as, so it offers only what that caller may do.
 *
 * @param role viewer or operator
 * @param scopes the scopes it may change; empty: every scope
 */
@JsonbPropertyOrder({"name", "role", "scopes"})
public record SignedIn(String name, String role, List<String> scopes) {

    public static SignedIn of(Caller caller) {
        return new SignedIn(caller.name(), caller.role().key(), caller.scopes());
    }
}
