package circuitbreaker.maintenance.boundary;

import circuitbreaker.platform.Metrics;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/** Counts every write's outcome in one place, whichever layer refused it (filter, matching, resource). */
@Provider
public class UpdateOutcomes implements ContainerResponseFilter {

    @Inject
    Metrics metrics;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!request.getMethod().equals("POST")
                || !request.getUriInfo().getPath().matches("/?api/maintenance/(scopes/[^/]+/)?status")) {
            return;
        }
        int status = response.getStatus();
        if (status == 200) {
            metrics.count("circuitbreaker_updates_accepted");
            return;
        }
        metrics.count("circuitbreaker_updates_rejected", "reason", switch (status) {
            case 400 -> "invalid";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 413 -> "too_large";
            case 415 -> "unsupported_type";
            case 503 -> "save_failed";
            default -> "other";
        });
    }
}
