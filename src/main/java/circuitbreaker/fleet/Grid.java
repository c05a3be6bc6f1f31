package circuitbreaker.fleet;

import java.util.List;
import java.util.UUID;

/**
 * The data grid's own view of the fleet: its members' identities, oldest first, and this member's. Who leads is
 * decided from it, never from the configured names, which two members may share.
 */
public interface Grid {

    /** This member's identity in the grid; without a grid, one drawn at start, unique all the same. */
    String self();

    /** The grid's members, oldest first; empty without a grid. */
    List<String> oldestFirst();

    /** Whether a data grid runs here. */
    default boolean present() {
        return true;
    }

    /** No grid: a member known by an identity of its own. */
    static Grid none() {
        String self = UUID.randomUUID().toString();
        return new Grid() {
            @Override
            public String self() {
                return self;
            }

            @Override
            public List<String> oldestFirst() {
                return List.of();
            }

            @Override
            public boolean present() {
                return false;
            }
        };
    }
}
