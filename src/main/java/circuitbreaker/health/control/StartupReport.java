package circuitbreaker.health.control;

import circuitbreaker.fleet.Grid;
import circuitbreaker.platform.Build;
import circuitbreaker.platform.Heartbeat;
import circuitbreaker.platform.Metrics;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.servlet.ServletContext;
import java.lang.System.Logger.Level;

/**
 * The application's first line in the log: which release runs, on which server, and which of the server's optional
 * features it found. Everything else works on any Jakarta EE 10 server; these are used where present.
 */
@ApplicationScoped
public class StartupReport {

    private static final System.Logger LOG = System.getLogger(StartupReport.class.getName());

    @Inject
    Metrics metrics;

    @Inject
    Grid grid;

    @Inject
    Heartbeat heartbeat;

    void started(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) @Initialized(ApplicationScoped.class)
            ServletContext context) {
        LOG.log(Level.INFO, "Circuit Breaker Service {0} starting on {1}; MicroProfile Metrics {2}, MicroProfile "
                + "Health {3}, Payara clustered events {4}, Payara data grid {5}; the heartbeat is {6}", Build.CURRENT,
                context.getServerInfo(), on(metrics.kept()), on(present("org.eclipse.microprofile.health.HealthCheck")),
                on(present("fish.payara.micro.cdi.Outbound")), on(grid.present()), heartbeat.source());
    }

    private static String on(boolean present) {
        return present ? "on" : "off";
    }

    private static boolean present(String type) {
        try {
            Class.forName(type, false, StartupReport.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }
}
