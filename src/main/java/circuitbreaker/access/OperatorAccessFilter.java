package circuitbreaker.access;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * Guards the operator surface before a body is read: who the caller is ({@link OperatorAccess}), whether its role is
 * the one the method {@link Needs}, and for a change whether its rights reach the scope (the path's
 * {@code scopes/{name}}, else the whole site). Refusals are counted by reason and the caller is known to the resource
 * through the request's {@link jakarta.ws.rs.core.SecurityContext}.
 */
@Provider
@Needs(Role.VIEWER) // the binding's value is read from the method: this only binds the filter
@Priority(Priorities.AUTHENTICATION)
public class OperatorAccessFilter implements ContainerRequestFilter {

    static final String SITE = "site";

    @Inject
    OperatorAccess access;

    @Inject
    Refusals refusals;

    @Context
    HttpServletRequest request;

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext context) {
        Identity identity = access.identify(request);
        if (!identity.known()) {
            refuse(context, identity.status(), identity.reason(), identity.error());
            return;
        }
        Caller caller = identity.caller();
        CallerContext security = new CallerContext(caller, context.getSecurityContext().isSecure());
        if (needed() == Role.OPERATOR) {
            String scope = context.getUriInfo().getPathParameters().getFirst("name");
            Response refused = refusals.refusalToChange(security, scope == null ? SITE : scope);
            if (refused != null) {
                context.abortWith(refused);
                return;
            }
        }
        context.setSecurityContext(security);
    }

    private Role needed() {
        Needs needs = resource.getResourceMethod().getAnnotation(Needs.class);
        if (needs == null) {
            needs = resource.getResourceClass().getAnnotation(Needs.class);
        }
        return needs == null ? Role.OPERATOR : needs.value();
    }

    private void refuse(ContainerRequestContext context, int status, String reason, String error) {
        context.abortWith(refusals.refuse(status, reason, error));
    }
}
