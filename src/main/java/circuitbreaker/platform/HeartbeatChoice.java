package circuitbreaker.platform;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessSessionBean;

/**
 * Decides at deployment what beats the heartbeat: the server tells CDI of each EJB session bean it deploys
 * ({@link ProcessSessionBean}); when {@link EjbHeartbeat} is one of them, its timer beats, otherwise the scheduler.
 * Never both, never neither.
 */
public class HeartbeatChoice implements Extension {

    private volatile boolean ejb;

    void sessionBean(@Observes ProcessSessionBean<?> bean) {
        if (bean.getBean().getBeanClass().getName().equals("circuitbreaker.platform.EjbHeartbeat")) {
            ejb = true;
        }
    }

    /** Whether the EJB timer beats here. */
    public boolean ejb() {
        return ejb;
    }
}
