package circuitbreaker.reopen.control;

import circuitbreaker.fleet.Fleet;
import circuitbreaker.live.control.OpenSockets;
import circuitbreaker.maintenance.control.Waiters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Those waiting here on the page, and the other members' open sockets as they last told (a few seconds old at most):
 * a member that may have someone waiting counts as someone waiting.
 */
@ApplicationScoped
public class FleetWaiters implements Waiters {

    @Inject
    OpenSockets sockets;

    @Inject
    Fleet fleet;

    @Override
    public boolean anyone() {
        return !sockets.waiting().isEmpty()
                || fleet.openSocketsSeen(0).values().stream().mapToInt(Integer::intValue).sum() > 0;
    }
}
