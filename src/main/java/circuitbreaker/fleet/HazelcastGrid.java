package circuitbreaker.fleet;

import com.hazelcast.cluster.Cluster;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import java.util.List;

/**
 * Payara's data grid (Hazelcast) as the fleet sees it. Loaded only once the grid was found, so a server without
 * Hazelcast never needs its classes.
 */
final class HazelcastGrid implements Grid {

    private final Cluster cluster;
    private final String self;

    private HazelcastGrid(Cluster cluster) {
        this.cluster = cluster;
        this.self = cluster.getLocalMember().getUuid().toString();
    }

    /** The grid behind Payara's JNDI name, or none when it does not run (a single instance starts without it). */
    static Grid of(Object found) {
        if (found instanceof HazelcastInstance grid && grid.getLifecycleService().isRunning()) {
            return new HazelcastGrid(grid.getCluster());
        }
        return Grid.none();
    }

    @Override
    public String self() {
        return self;
    }

    /** Hazelcast keeps its member list in join order: the first is the oldest. */
    @Override
    public List<String> oldestFirst() {
        try {
            return cluster.getMembers().stream().map(Member::getUuid).map(Object::toString).toList();
        } catch (RuntimeException shuttingDown) {
            return List.of();
        }
    }
}
