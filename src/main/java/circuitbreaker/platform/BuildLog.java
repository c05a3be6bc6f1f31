package circuitbreaker.platform;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import jakarta.servlet.ServletContext;
import java.lang.System.Logger.Level;

/** The application's first line in the log says which release runs, and on what. */
@ApplicationScoped
public class BuildLog {

    private static final System.Logger LOG = System.getLogger(BuildLog.class.getName());

    void started(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) @Initialized(ApplicationScoped.class)
            ServletContext context) {
        LOG.log(Level.INFO, "Circuit Breaker Service {0} starting on {1}", Build.CURRENT, context.getServerInfo());
    }
}
