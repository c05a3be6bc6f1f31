package circuitbreaker.gate.control;

import circuitbreaker.maintenance.control.MaintenanceStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Decides, from memory, whether a visitor's request may reach the main site. Front proxies ask before each one. */
@ApplicationScoped
public class Gate {

    public enum Decision { OPEN, CLOSED, GRANT_BYPASS }

    @Inject
    MaintenanceStore store;

    @Inject
    Bypass bypass;

    @Inject
    OpenPaths openPaths;

    /**
     * @param uri the visitor's request URI as the proxy forwards it
     * @param cookies the visitor's Cookie header, or null
     */
    public Decision decide(String uri, String cookies) {
        String path = uri == null ? "/" : uri.split("[?#]", 2)[0];
        if (bypass.isSecretPath(path)) {
            return Decision.GRANT_BYPASS; // also while open: an operator may take the cookie before a deploy
        }
        if (!store.current().isActive() || openPaths.matches(path) || bypass.admits(cookies, store.now())) {
            return Decision.OPEN;
        }
        return Decision.CLOSED;
    }
}
