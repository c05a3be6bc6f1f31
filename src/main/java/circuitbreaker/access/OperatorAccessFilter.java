package circuitbreaker.access;

import circuitbreaker.platform.Errors;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/** Refuses writes from callers {@link OperatorAccess} does not allow, before the body is read. */
@Provider
@OperatorOnly
@Priority(Priorities.AUTHENTICATION)
public class OperatorAccessFilter implements ContainerRequestFilter {

    @Inject
    OperatorAccess access;

    @Context
    HttpServletRequest request;

    @Override
    public void filter(ContainerRequestContext context) {
        boolean proxied = OperatorAccess.PROXY_HEADERS.stream().anyMatch(name -> context.getHeaderString(name) != null);
        switch (access.decide(context.getHeaderString(HttpHeaders.AUTHORIZATION), request.getRemoteAddr(),
                context.getHeaderString(HttpHeaders.HOST), proxied)) {
            case UNAUTHORIZED -> context.abortWith(Errors.json(401,
                    "a valid token is required: send the header 'Authorization: Bearer <token>'"));
            case FORBIDDEN -> context.abortWith(Errors.json(403,
                    "no token is configured, so only loopback clients that did not come through a proxy and asked for "
                    + "a loopback host (127.0.0.1, [::1] or localhost) may write; configure CIRCUIT_BREAKER_TOKEN"));
            case ALLOWED -> { }
        }
    }
}
