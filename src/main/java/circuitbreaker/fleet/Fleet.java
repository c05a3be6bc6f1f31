package circuitbreaker.fleet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who is in the fleet, and which member leads what must happen once per fleet (watching the main site, opening and
 * closing windows, recording a reopening's end). Members are known by what they last said (the cluster's
 * announcements, every {@value #ANNOUNCE_SECONDS} s), each by its identity in the data grid; one not heard from for
 * three periods no longer counts. The leader is the oldest member of the grid among those heard (names may repeat:
 * they are for people). A starting member is in step once another member answered it, or, alone, after
 * CIRCUIT_BREAKER_CLUSTER_SYNC_TIMEOUT seconds. Without CIRCUIT_BREAKER_CLUSTER it is a fleet of one, always in step
 * and always leading.
 */
@ApplicationScoped
public class Fleet {

    private static final System.Logger LOG = System.getLogger(Fleet.class.getName());
    /** Members announce themselves this often. */
    public static final long ANNOUNCE_SECONDS = 5;

    /** What was last heard from another member, and when. */
    private record Heard(String name, long at, MemberReport report) {
    }

    private Clock clock;
    private Grid grid;
    private Optional<String> members;
    private Optional<String> instanceName;
    /** How long a starting member waits for any other before it serves its own state. */
    private long syncTimeoutSeconds;
    private final Map<String, Heard> seen = new ConcurrentHashMap<>(); // by grid identity
    private final Set<String> namesakes = ConcurrentHashMap.newKeySet();
    private long startedAt;
    private volatile boolean inStep;

    protected Fleet() {
    }

    @Inject
    public Fleet(Clock clock, Grid grid, @ConfigProperty(name = "circuit.breaker.cluster") Optional<String> members,
            @ConfigProperty(name = "circuit.breaker.instance") Optional<String> instanceName,
            @ConfigProperty(name = "circuit.breaker.cluster.sync.timeout", defaultValue = "10") long syncTimeoutSeconds) {
        this.clock = clock;
        this.grid = grid;
        this.members = members;
        this.instanceName = instanceName;
        this.syncTimeoutSeconds = syncTimeoutSeconds;
        this.startedAt = clock.millis();
    }

    public boolean enabled() {
        return members.filter(m -> !m.isBlank()).isPresent();
    }

    /** This member's name: CIRCUIT_BREAKER_INSTANCE, else the application server's own (Payara's, WildFly's). */
    public String instance() {
        return instanceName.filter(n -> !n.isBlank())
                .or(() -> Optional.ofNullable(System.getProperty("com.sun.aas.instanceName")))
                .or(() -> Optional.ofNullable(System.getProperty("jboss.node.name")))
                .orElseGet(() -> "port-" + System.getenv().getOrDefault("CIRCUIT_BREAKER_PORT", "6970"));
    }

    /** This member's identity in the data grid: what the others know it by. */
    public String member() {
        return grid.self();
    }

    /** True once this member holds the fleet's state (always, alone): it may then report ready. */
    public boolean inStep() {
        return inStep || !enabled();
    }

    /** While this member starts: true until another member answered it, or the wait for one is over. */
    public boolean waitingForTheFleet() {
        if (inStep()) {
            return false;
        }
        if (clock.millis() - startedAt < syncTimeoutSeconds * 1000) {
            return true;
        }
        inStep = true;
        LOG.log(Level.WARNING, "No other cluster member answered within {0} s: serving this instance''s own state",
                syncTimeoutSeconds);
        return false;
    }

    /**
     * Another member spoke; hearing one is what puts a starting member in step.
     *
     * @param member its grid identity; null from a release that did not announce one: then known by its name
     */
    public void heard(String member, String name, MemberReport report) {
        member = member != null ? member : "named " + name;
        if (member.equals(member())) {
            return; // our own announcement, handed back
        }
        seen.put(member, new Heard(name, clock.millis(), report));
        if (name.equals(instance()) && namesakes.add(member)) {
            LOG.log(Level.WARNING, "Another cluster member is also named {0}: give each its own "
                    + "CIRCUIT_BREAKER_INSTANCE, so the console and /health tell them apart", name);
        }
        if (!inStep) {
            inStep = true;
            LOG.log(Level.INFO, "In step with the cluster: heard {0}", name);
        }
    }

    /**
     * Whether this member leads: alone, always; in a cluster, once in step, the oldest member of the data grid among
     * those heard (without a grid, the first by name, then identity). When the leader goes, the next takes over as
     * soon as it stops being heard.
     */
    public boolean leads() {
        if (!enabled()) {
            return true;
        }
        if (!inStep) {
            return false;
        }
        Map<String, Heard> heard = recent();
        Optional<String> oldest = grid.oldestFirst().stream()
                .filter(id -> id.equals(member()) || heard.containsKey(id)).findFirst();
        return oldest.map(member()::equals).orElseGet(() -> heard.entrySet().stream()
                .noneMatch(other -> (other.getValue().name() + " " + other.getKey())
                        .compareTo(instance() + " " + member()) < 0));
    }

    /** The names of the members heard from recently and of this one, in order: one per member, even when shared. */
    public List<String> membersSeen() {
        List<String> names = new ArrayList<>(recent().values().stream().map(Heard::name).toList());
        names.add(instance());
        names.sort(null);
        return names;
    }

    /**
     * Open sockets per member heard from recently: this one's as given, the others' as they last announced
     * (at most {@value #ANNOUNCE_SECONDS} s old).
     */
    public NavigableMap<String, Integer> openSocketsSeen(int here) {
        NavigableMap<String, Integer> all = new TreeMap<>();
        recent().values().forEach(heard -> all.merge(heard.name(), heard.report().openSockets(), Integer::sum));
        all.merge(instance(), here, Integer::sum);
        return all;
    }

    /** The visitors the fleet let in during the reopening that began at {@code from}: here, and as others last said. */
    public long admittedSeen(long from, long here) {
        return here + recent().values().stream().map(Heard::report).filter(r -> r.reopeningFrom() == from)
                .mapToLong(MemberReport::admitted).sum();
    }

    private Map<String, Heard> recent() {
        long now = clock.millis();
        seen.values().removeIf(heard -> now - heard.at() > 3 * ANNOUNCE_SECONDS * 1000);
        return seen;
    }
}
