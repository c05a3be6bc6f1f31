package circuitbreaker.fleet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who is in the fleet, and which member leads what must happen once per fleet (watching the main site, opening and
 * closing windows). Members are known by what they last said (the cluster's announcements, every
 * {@value #ANNOUNCE_SECONDS} s); one not heard from for three periods no longer counts. A starting member is in step
 * once another member answered it, or, alone, after CIRCUIT_BREAKER_CLUSTER_SYNC_TIMEOUT seconds. Without
 * CIRCUIT_BREAKER_CLUSTER it is a fleet of one, always in step and always leading.
 */
@ApplicationScoped
public class Fleet {

    private static final System.Logger LOG = System.getLogger(Fleet.class.getName());
    /** Members announce themselves this often. */
    public static final long ANNOUNCE_SECONDS = 5;

    /** What was last heard from another member, and when. */
    private record Heard(long at, MemberReport report) {
    }

    private Clock clock;
    private Optional<String> members;
    private Optional<String> instanceName;
    /** How long a starting member waits for any other before it serves its own state. */
    private long syncTimeoutSeconds;
    private final Map<String, Heard> seen = new ConcurrentHashMap<>();
    private long startedAt;
    private volatile boolean inStep;

    protected Fleet() {
    }

    @Inject
    public Fleet(Clock clock, @ConfigProperty(name = "circuit.breaker.cluster") Optional<String> members,
            @ConfigProperty(name = "circuit.breaker.instance") Optional<String> instanceName,
            @ConfigProperty(name = "circuit.breaker.cluster.sync.timeout", defaultValue = "10") long syncTimeoutSeconds) {
        this.clock = clock;
        this.members = members;
        this.instanceName = instanceName;
        this.syncTimeoutSeconds = syncTimeoutSeconds;
        this.startedAt = clock.millis();
    }

    public boolean enabled() {
        return members.filter(m -> !m.isBlank()).isPresent();
    }

    public String instance() {
        return instanceName.filter(n -> !n.isBlank())
                .orElseGet(() -> "port-" + System.getenv().getOrDefault("CIRCUIT_BREAKER_PORT", "6970"));
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

    /** Another member spoke; hearing one is what puts a starting member in step. */
    public void heard(String member, MemberReport report) {
        seen.put(member, new Heard(clock.millis(), report));
        if (!inStep) {
            inStep = true;
            LOG.log(Level.INFO, "In step with the cluster: heard {0}", member);
        }
    }

    /**
     * Whether this member leads: alone, always; in a cluster, the first by name of the members seen, once in step.
     * When the leader goes, the next takes over as soon as it stops being seen.
     */
    public boolean leads() {
        return !enabled() || (inStep && membersSeen().firstKey().equals(instance()));
    }

    /** The members heard from recently, with this one, and when each was last heard (epoch ms). */
    public NavigableMap<String, Long> membersSeen() {
        NavigableMap<String, Long> all = new TreeMap<>();
        recent().forEach((name, heard) -> all.put(name, heard.at()));
        all.put(instance(), clock.millis());
        return all;
    }

    /**
     * Open sockets per member heard from recently: this one's as given, the others' as they last announced
     * (at most {@value #ANNOUNCE_SECONDS} s old).
     */
    public NavigableMap<String, Integer> openSocketsSeen(int here) {
        NavigableMap<String, Integer> all = new TreeMap<>();
        recent().forEach((name, heard) -> all.put(name, heard.report().openSockets()));
        all.put(instance(), here);
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
