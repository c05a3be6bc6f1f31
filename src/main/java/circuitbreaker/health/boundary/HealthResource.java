package circuitbreaker.health.boundary;

import circuitbreaker.cluster.control.ClusterLink;
import circuitbreaker.live.control.Subscribers;
import circuitbreaker.maintenance.control.StateFile;
import circuitbreaker.maintenance.entity.StateFileHealth;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.management.ManagementFactory;

/** /health: stays 200 while maintenance is on, so load balancers keep the breaker in rotation. */
@Path("health")
@ApplicationScoped
public class HealthResource {

    static final String SERVICE = "circuit-breaker";

    @Inject
    Subscribers subscribers;

    @Inject
    StateFile stateFile;

    @Inject
    ClusterLink cluster;

    @JsonbPropertyOrder({"status", "service", "uptime", "connections", "instance", "stateFile", "cluster"})
    public record Health(String status, String service, double uptime, int connections, String instance,
            StateFileHealth stateFile, Cluster cluster) {
    }

    /** @param members every instance heard from in the last few announcements, this one included */
    @JsonbPropertyOrder({"enabled", "members"})
    public record Cluster(boolean enabled, java.util.Set<String> members) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        double uptime = ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(new Health("ok", SERVICE, uptime, subscribers.count(), cluster.instance(),
                stateFile.health(), new Cluster(cluster.enabled(), cluster.membersSeen().keySet())))
                .cacheControl(noStore).build();
    }
}
