package circuitbreaker.access;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.io.Serializable;
import java.util.List;

/**
 * A named person or pipeline from the operators file.
 *
 * @param role {@link Role#key()}
 * @param scopes the scopes it may change; empty: every scope
 */
@JsonbPropertyOrder({"name", "role", "scopes", "tokens"})
public record Operator(String name, String role, List<String> scopes, List<OperatorToken> tokens)
        implements Serializable {

    public Operator {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
    }

    public Caller caller() {
        return new Caller(name, Role.of(role), scopes);
    }
}
