package circuitbreaker.gate.control;

import circuitbreaker.maintenance.control.MaintenanceStore;
import circuitbreaker.maintenance.entity.MaintenanceState;
import circuitbreaker.reopen.control.Admission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides, from memory, whether a visitor's request may reach the main site. Front proxies ask before each one. Closed
 * during maintenance, and during the reopening after it or in admission mode for everyone not let in (or no longer
 * active); always-open paths and the bypass pass regardless.
 */
@ApplicationScoped
public class Gate {

    private static final System.Logger LOG = System.getLogger(Gate.class.getName());

    public enum Decision { OPEN, CLOSED, GRANT_BYPASS }

    @Inject
    MaintenanceStore store;

    @Inject
    Bypass bypass;

    @Inject
    OpenPaths openPaths;

    @Inject
    Admission admission;

    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    /**
     * @param uri the visitor's request URI as the proxy forwards it
     * @param cookies the visitor's Cookie header, or null
     * @param shared whether the front keeps this answer for every path (it sends only the paths that may be always
     *     open on their own): then the answer must not depend on the path, so it is the answer for "/"
     */
    public Decision decide(String uri, String cookies, boolean shared) {
        String path = uri == null ? "/" : uri.split("[?#]", 2)[0];
        if (shared) {
            warnIfOpen(path);
            path = "/";
        }
        if (bypass.isSecretPath(path)) {
            return Decision.GRANT_BYPASS; // also while open: an operator may take the cookie before a deploy
        }
        MaintenanceState state = store.current();
        long now = store.now();
        boolean open = !state.isActive() && !state.reopeningAt(now) && !state.admittingAt(now);
        if (open || openPaths.matches(path) || bypass.admits(cookies, now)
                || admission.admits(cookies, state, now)) {
            return Decision.OPEN;
        }
        return Decision.CLOSED;
    }

    /** An always-open path the front does not ask about on its own stays closed behind it: say so, once per prefix. */
    private void warnIfOpen(String path) {
        openPaths.prefixOf(path).filter(warned::add).ifPresent(prefix -> LOG.log(Level.WARNING,
                "The front proxy shares one answer for {0}, so the always-open prefix {1} stays closed behind it: add"
                        + " the prefix to the map at the top of nginx-gate.conf", path, prefix));
    }
}
