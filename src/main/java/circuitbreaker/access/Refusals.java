package circuitbreaker.access;

import circuitbreaker.platform.Errors;
import circuitbreaker.platform.Metrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.lang.System.Logger.Level;

/** Refusing a caller: the API's error shape, counted by reason in {@code circuitbreaker_access_refused{reason}}. */
@ApplicationScoped
public class Refusals {

    private static final System.Logger LOG = System.getLogger(Refusals.class.getName());

    @Inject
    Metrics metrics;

    @Inject
    OperatorAccess access;

    /**
     * Whether a public read may name who made each change: the caller is an operator or a viewer. A token that was sent
     * and refused is counted like anywhere else, so no public path becomes an unseen place to guess tokens.
     */
    public boolean namesAuthors(HttpServletRequest request) {
        Identity identity = access.identify(request);
        if (!identity.known() && request.getHeader("Authorization") != null) {
            count(identity.reason());
        }
        return identity.known();
    }

    /** @param reason token, loopback, role, scope, console or claim */
    public Response refuse(int status, String reason, String error) {
        count(reason);
        return Errors.json(status, error);
    }

    private void count(String reason) {
        metrics.count("circuitbreaker_access_refused", "reason", reason);
    }

    /**
     * The refusal of a change to this scope by the request's caller, or null when its rights reach it: for what only
     * the resource knows the scope of (a window found by its id).
     */
    public Response refusalToChange(SecurityContext security, String scope) {
        Caller caller = (Caller) security.getUserPrincipal();
        String refusal = caller.refusalToChange(scope);
        if (refusal == null) {
            return null;
        }
        LOG.log(Level.INFO, "Refused a change of {0} to {1}: {2}", scope, caller.name(), refusal);
        return refuse(403, caller.mayChange() ? "scope" : "role", refusal);
    }
}
