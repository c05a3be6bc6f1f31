package circuitbreaker.health.boundary;

import circuitbreaker.access.Operators;
import circuitbreaker.fleet.Fleet;
import circuitbreaker.live.control.OpenSockets;
import circuitbreaker.maintenance.control.ScopeBook;
import circuitbreaker.maintenance.control.StateFile;
import circuitbreaker.maintenance.entity.StateFileHealth;
import circuitbreaker.page.control.PageAnswer;
import circuitbreaker.platform.Build;
import circuitbreaker.platform.Faults;
import circuitbreaker.watch.control.SiteWatcher;
import circuitbreaker.watch.entity.WatcherHealth;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * /health: stays 200 while maintenance is on, so load balancers keep the breaker in rotation. A plain servlet
 * rather than a JAX-RS resource: balancers poll it hard, and JAX-RS dispatch was half the cost of each answer.
 * The exact mapping wins over JAX-RS's "/*". A cluster member answers 503 "starting" until it holds the fleet's state.
 * Ready means ready: the first answer renders the page first, so no visitor waits for the template to compile.
 * It is public, so it says whether each part is well and never where things are or what went wrong: the state file's
 * path, the watched URL and error texts are the console's to show (a stranger could learn the layout from them).
 */
@WebServlet(urlPatterns = "/health", loadOnStartup = 1)
public class HealthServlet extends HttpServlet {

    static final String SERVICE = "circuit-breaker";

    @Inject
    OpenSockets sockets;

    @Inject
    StateFile stateFile;

    @Inject
    Fleet fleet;

    @Inject
    SiteWatcher watcher;

    @Inject
    Jsonb jsonb;

    @Inject
    PageAnswer page;

    @Inject
    Faults faults;

    @Inject
    ScopeBook scopes;

    @Inject
    Operators operators;

    private volatile boolean warm;

    @JsonbPropertyOrder({"status", "service", "version", "commit", "uptime", "connections", "instance", "stateFile",
            "scopes", "operators", "cluster", "watcher", "faults"})
    public record Health(String status, String service, String version, String commit, double uptime, int connections,
            String instance, StateFileCheck stateFile, Scopes scopes, OperatorsCheck operators, Cluster cluster,
            WatcherCheck watcher, Faults.Summary faults) {
    }

    /**
     * @param version of the operators this member follows (0: none named): the same on every member once a change
     *     has spread, within 2 s
     * @param conflicts the fleet members heard following other operators at the same version, by name
     */
    @JsonbPropertyOrder({"version", "conflicts"})
    public record OperatorsCheck(long version, List<String> conflicts) {
        static OperatorsCheck of(Operators operators) {
            return new OperatorsCheck(operators.book().version(), operators.conflicting());
        }
    }

    /**
     * @param fingerprint of the scopes file's definitions ("none" without one): the same on every member that reads
     *     the same scopes
     * @param differ the fleet members heard reading other scopes, by name
     */
    @JsonbPropertyOrder({"names", "fingerprint", "differ"})
    public record Scopes(List<String> names, String fingerprint, List<String> differ) {
        static Scopes of(ScopeBook book) {
            return new Scopes(book.names(), book.digest(), book.differing());
        }
    }

    /**
     * @param movedAside whether a corrupt file found at start-up was moved aside
     * @param saveFailing whether the last save failed
     */
    @JsonbPropertyOrder({"writable", "movedAside", "saveFailing"})
    public record StateFileCheck(boolean writable, boolean movedAside, boolean saveFailing) {
        static StateFileCheck of(StateFileHealth health) {
            return new StateFileCheck(health.writable(), health.movedAside() != null, health.lastError() != null);
        }
    }

    /** @param lastCheckFailed whether this instance's last probe failed */
    @JsonbPropertyOrder({"enabled", "watching", "breaker", "failuresInRow", "successesInRow", "lastCheck",
            "lastCheckFailed"})
    public record WatcherCheck(boolean enabled, boolean watching, String breaker, int failuresInRow, int successesInRow,
            Long lastCheck, boolean lastCheckFailed) {
        static WatcherCheck of(WatcherHealth health) {
            return new WatcherCheck(health.enabled(), health.watching(), health.breaker(), health.failuresInRow(),
                    health.successesInRow(), health.lastCheck(), health.lastError() != null);
        }
    }

    /**
     * @param members the name of every member heard from in the last few announcements, this one included (a name
     *     two members share shows twice)
     * @param leads whether this member does what happens once per fleet (the watcher, windows, a reopening's end)
     */
    @JsonbPropertyOrder({"enabled", "members", "leads"})
    public record Cluster(boolean enabled, List<String> members, boolean leads) {
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean ready = fleet.inStep();
        if (ready && !warm) {
            warmUp(request, response);
        }
        double uptime = ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
        Health health = new Health(ready ? "ok" : "starting", SERVICE, Build.CURRENT.version(), Build.CURRENT.commit(),
                uptime, sockets.count(), fleet.instance(),
                StateFileCheck.of(stateFile.health()), Scopes.of(scopes), OperatorsCheck.of(operators),
                new Cluster(fleet.enabled(), fleet.membersSeen(), fleet.leads()),
                WatcherCheck.of(watcher.health()), faults.summary());
        byte[] body = jsonb.toJson(health).getBytes(StandardCharsets.UTF_8);
        if (!ready) {
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE); // not in rotation before it agrees
        }
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private synchronized void warmUp(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!warm) {
            page.warmUp(request, response);
            warm = true;
        }
    }
}
