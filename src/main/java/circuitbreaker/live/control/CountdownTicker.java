package circuitbreaker.live.control;

import circuitbreaker.cluster.control.ClusterLink;
import circuitbreaker.console.control.ConsoleFeed;
import circuitbreaker.schedule.control.Windows;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * The one-second heartbeat of every page (a non-persistent timer, so nothing is replayed after a restart), of the
 * cluster link, of the windows' clock and of the consoles' feed.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CountdownTicker {

    @Inject
    Subscribers subscribers;

    @Inject
    ClusterLink cluster;

    @Inject
    Windows windows;

    @Inject
    ConsoleFeed consoles;

    @Schedule(second = "*", minute = "*", hour = "*", persistent = false, info = "countdown")
    void tick() {
        subscribers.tick();
        cluster.tick();
        windows.tick();
        consoles.tick();
    }
}
