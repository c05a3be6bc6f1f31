package circuitbreaker.cluster.control;

import circuitbreaker.cluster.entity.Announcement;
import circuitbreaker.live.control.Subscribers;
import circuitbreaker.maintenance.control.MaintenanceStore;
import circuitbreaker.maintenance.entity.StateChanged;
import circuitbreaker.schedule.control.Windows;
import circuitbreaker.schedule.entity.WindowsChanged;
import fish.payara.micro.cdi.Inbound;
import fish.payara.micro.cdi.Outbound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps the instances of a cluster in agreement over Payara's data grid (clustered CDI events): each accepted update
 * is announced at once, and every instance re-announces its state every few seconds. An instance that joins or comes
 * back asks the fleet first and reports itself ready only once a member has answered (or, alone, after a bounded
 * wait), so it never serves its file's older state. Off unless CIRCUIT_BREAKER_CLUSTER names the members.
 */
@ApplicationScoped
public class ClusterLink {

    private static final System.Logger LOG = System.getLogger(ClusterLink.class.getName());
    /** Re-announce this often; a member not heard from for three periods no longer counts as seen. */
    public static final long ANNOUNCE_SECONDS = 5;

    @Inject
    MaintenanceStore store;

    @Inject
    Windows windows;

    @Inject
    Subscribers subscribers;

    @Inject
    @Outbound
    Event<Announcement> others;

    @Inject
    @ConfigProperty(name = "circuit.breaker.cluster")
    Optional<String> members;

    @Inject
    @ConfigProperty(name = "circuit.breaker.instance")
    Optional<String> instanceName;

    /** How long a starting instance waits for any other member before it serves its own state. */
    @Inject
    @ConfigProperty(name = "circuit.breaker.cluster.sync.timeout", defaultValue = "10")
    long syncTimeoutSeconds;

    /** What was last heard from each other member. */
    private record Heard(long at, int visitors) {
    }

    private final Map<String, Heard> seen = new ConcurrentHashMap<>();
    private final long startedAt = System.nanoTime();
    private volatile boolean inStep;
    private long ticks; // only the timer touches it, one tick at a time

    /** True once this instance holds the fleet's state (always, without a cluster): it may then report ready. */
    public boolean inStep() {
        return inStep || !enabled();
    }

    void askAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (enabled()) {
            others.fire(says(true));
        }
    }

    /** Every second: ask the fleet until it answers (or the wait is over), then announce every few seconds. */
    public void tick() {
        if (!enabled()) {
            return;
        }
        if (!inStep) {
            if (System.nanoTime() - startedAt < TimeUnit.SECONDS.toNanos(syncTimeoutSeconds)) {
                others.fire(says(true));
                return;
            }
            inStep = true;
            LOG.log(Level.WARNING, "No other cluster member answered within {0} s: serving this instance''s own state",
                    syncTimeoutSeconds);
        }
        if (++ticks % ANNOUNCE_SECONDS == 0) {
            announce();
        }
    }

    public boolean enabled() {
        return members.filter(m -> !m.isBlank()).isPresent();
    }

    public String instance() {
        return instanceName.filter(n -> !n.isBlank())
                .orElseGet(() -> "port-" + System.getenv().getOrDefault("CIRCUIT_BREAKER_PORT", "6970"));
    }

    void localChange(@Observes StateChanged change) {
        if (change.local()) {
            announce();
        }
    }

    void localWindows(@Observes WindowsChanged change) {
        if (change.local()) {
            announce();
        }
    }

    /** Another member's state and windows: the newer of each wins here, and a member behind us hears ours at once. */
    void heard(@Observes @Inbound Announcement announcement) {
        seen.put(announcement.instance(), new Heard(System.currentTimeMillis(), announcement.visitors()));
        if (store.adopt(announcement.state())) {
            LOG.log(Level.INFO, "Took state version {0} from {1}", announcement.state().version(),
                    announcement.instance());
        }
        windows.adopt(announcement.windows());
        if (announcement.asking() || store.current().isNewerThan(announcement.state())
                || windows.book().version() > announcement.windows().version()) {
            announce();
        }
        if (!inStep) {
            inStep = true;
            LOG.log(Level.INFO, "In step with the cluster: heard {0}", announcement.instance());
        }
    }

    public void announce() {
        if (enabled()) {
            others.fire(says(false));
        }
    }

    /**
     * Whether this instance leads what must happen once per fleet (watching the main site, opening and closing
     * windows): alone, always; in a cluster, the first by name of the members seen, once in step. When it goes, the
     * next one takes over as soon as it stops being seen (15 s).
     */
    public boolean leads() {
        return !enabled() || (inStep && membersSeen().firstKey().equals(instance()));
    }

    private Announcement says(boolean asking) {
        return new Announcement(instance(), store.current(), windows.book(), asking, subscribers.count());
    }

    /** Instances heard from recently, with this one, and when each was last heard (epoch ms). */
    public NavigableMap<String, Long> membersSeen() {
        NavigableMap<String, Long> all = new TreeMap<>();
        recent().forEach((name, heard) -> all.put(name, heard.at()));
        all.put(instance(), System.currentTimeMillis());
        return all;
    }

    /**
     * Open sockets per instance heard from recently: this one's counted now, the others' as they last announced
     * (at most {@value #ANNOUNCE_SECONDS} s old).
     */
    public NavigableMap<String, Integer> visitorsSeen() {
        NavigableMap<String, Integer> all = new TreeMap<>();
        recent().forEach((name, heard) -> all.put(name, heard.visitors()));
        all.put(instance(), subscribers.count());
        return all;
    }

    private Map<String, Heard> recent() {
        long now = System.currentTimeMillis();
        seen.values().removeIf(heard -> now - heard.at() > 3 * ANNOUNCE_SECONDS * 1000);
        return seen;
    }
}
