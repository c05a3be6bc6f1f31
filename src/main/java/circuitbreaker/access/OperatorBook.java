package circuitbreaker.access;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.io.Serializable;
import java.util.List;

/**
 * The operators file's content, as the fleet exchanges it (hashes only).
 *
 * @param version grows by one with every change `circuit-breaker-status operator` makes; the fleet keeps the higher
 * @param operators in the file's order
 */
@JsonbPropertyOrder({"version", "operators"})
public record OperatorBook(long version, List<Operator> operators) implements Serializable {

    public static final OperatorBook NONE = new OperatorBook(0, List.of());

    public OperatorBook {
        operators = operators == null ? List.of() : List.copyOf(operators);
    }

    /** Which of two books a fleet keeps: the higher version. */
    public boolean isNewerThan(OperatorBook other) {
        return version > other.version;
    }

    /**
     * Two files changed apart from each other to the same version: neither wins (a tie broken either way would revive
     * a revoked token or drop a new one), and members say so until someone copies one file to all.
     */
    public boolean conflictsWith(OperatorBook other) {
        return other != null && version == other.version && !equals(other);
    }
}
