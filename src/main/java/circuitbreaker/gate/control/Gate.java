package circuitbreaker.gate.control;

import circuitbreaker.maintenance.control.MaintenanceStore;
import circuitbreaker.maintenance.control.ScopeBook;
import circuitbreaker.maintenance.entity.MaintenanceState;
import circuitbreaker.maintenance.entity.Scope;
import circuitbreaker.reopen.control.Admission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides, from memory, whether a visitor's request may reach the main site. Front proxies ask before each one. Closed
 * when a scope that covers it is in maintenance (the page is the most specific one's), and, for the whole site, during
 * the reopening after it or in admission mode for everyone not let in (or no longer active); always-open paths and the
 * bypass pass regardless.
 */
@ApplicationScoped
public class Gate {

    private static final System.Logger LOG = System.getLogger(Gate.class.getName());

    public enum Decision { OPEN, CLOSED, GRANT_BYPASS }

    /** @param scope whose page a closed request gets */
    public record Verdict(Decision decision, String scope) {
    }

    @Inject
    MaintenanceStore store;

    @Inject
    Bypass bypass;

    @Inject
    OpenPaths openPaths;

    @Inject
    Admission admission;

    @Inject
    ScopeBook scopes;

    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    /**
     * @param uri the visitor's request URI as the proxy forwards it
     * @param cookies the visitor's Cookie header, or null
     * @param shared whether the front keeps this answer for every path (it sends only the paths that may be always
     *     open on their own): then the answer must not depend on the path, so it is the answer for "/"
     */
    public Decision decide(String uri, String cookies, boolean shared) {
        return decide(null, uri, cookies, shared).decision();
    }

    /** @param host the visitor's Host as the front passes it on, or null: it picks the scopes that cover the request */
    public Verdict decide(String host, String uri, String cookies, boolean shared) {
        String path = uri == null ? "/" : uri.split("[?#]", 2)[0];
        if (shared) {
            warnIfOpen(path);
            path = "/";
        }
        if (bypass.isSecretPath(path)) {
            return verdict(Decision.GRANT_BYPASS); // also while open: an operator may take the cookie before a deploy
        }
        long now = store.now();
        Optional<Scope> part = scopes.closedPart(host, path, name -> store.current(name).isActive());
        if (part.isPresent()) {
            boolean passes = openPaths.matches(path) || bypass.admits(cookies, now);
            return passes ? verdict(Decision.OPEN) : new Verdict(Decision.CLOSED, part.get().name());
        }
        MaintenanceState state = store.current();
        boolean open = !state.isActive() && !state.reopeningAt(now) && !state.admittingAt(now);
        if (open || openPaths.matches(path) || bypass.admits(cookies, now)
                || admission.admits(cookies, state, now)) {
            return verdict(Decision.OPEN);
        }
        return verdict(Decision.CLOSED);
    }

    private static Verdict verdict(Decision decision) {
        return new Verdict(decision, Scope.SITE);
    }

    /**
     * An always-open path, or a scope's own path, that the front does not ask about on its own gets the answer for "/"
     * behind it: say so, once per prefix.
     */
    private void warnIfOpen(String path) {
        openPaths.prefixOf(path).or(() -> scopes.prefixOf(path)).filter(warned::add).ifPresent(prefix -> LOG.log(
                Level.WARNING, "The front proxy shares one answer for {0}, so the prefix {1} gets the answer for \"/\""
                        + " behind it: add the prefix to the map at the top of nginx-gate.conf", path, prefix));
    }
}
