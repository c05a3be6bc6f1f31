package circuitbreaker.access;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/** The JAX-RS security context of a request whose caller is known: resources read who changes what from it. */
record CallerContext(Caller caller, boolean secure) implements SecurityContext {

    @Override
    public Principal getUserPrincipal() {
        return caller;
    }

    /** An operator is also a viewer. */
    @Override
    public boolean isUserInRole(String role) {
        return caller.role().key().equals(role) || Role.VIEWER_KEY.equals(role);
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String getAuthenticationScheme() {
        return caller == Caller.LOOPBACK ? null : "Bearer";
    }
}
