package circuitbreaker.live.control;

import circuitbreaker.live.entity.Countdown;
import circuitbreaker.live.entity.SocketJoined;
import circuitbreaker.live.entity.SocketMessage;
import circuitbreaker.maintenance.control.MaintenanceStore;
import circuitbreaker.maintenance.entity.MaintenanceState;
import circuitbreaker.maintenance.entity.StateChanged;
import circuitbreaker.platform.FailsAlone;
import circuitbreaker.platform.Metrics;
import circuitbreaker.platform.Second;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.json.bind.Jsonb;

/**
 * What every page hears: the new state after each change (statusUpdate), and the countdown every second
 * (countdownUpdate), each serialized once for all the open sockets.
 */
@ApplicationScoped
public class CountdownFeed {

    @Inject
    OpenSockets sockets;

    @Inject
    MaintenanceStore store;

    @Inject
    Jsonb jsonb;

    @Inject
    Metrics metrics;

    private volatile long lastTickAt = System.currentTimeMillis();

    @FailsAlone
    void stateChanged(@Observes StateChanged changed) {
        sockets.broadcast(statusUpdate());
        metrics.count("circuitbreaker_broadcasts", "type", SocketMessage.STATUS_UPDATE);
    }

    /** A page that has just connected hears the state first, before anything else is sent to it. */
    @FailsAlone
    void joined(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) SocketJoined joined) {
        sockets.sendTo(joined.sessionId(), statusUpdate());
    }

    /** Answers one socket's requestStatus. */
    public void statusTo(String sessionId) {
        sockets.sendTo(sessionId, statusUpdate());
    }

    private String statusUpdate() {
        return jsonb.toJson(new SocketMessage(SocketMessage.STATUS_UPDATE, store.status()));
    }

    @FailsAlone
    void second(@ObservesAsync Second second) {
        long now = store.now();
        MaintenanceState state = store.current();
        Countdown countdown = new Countdown(state.countdownAt(now), state.estimatedCompletion(), now,
                state.phaseAt(now).key());
        sockets.broadcast(jsonb.toJson(new SocketMessage(SocketMessage.COUNTDOWN_UPDATE, countdown)));
        metrics.count("circuitbreaker_broadcasts", "type", SocketMessage.COUNTDOWN_UPDATE);
        store.recordBroadcast(countdown.countdown());
        lastTickAt = System.currentTimeMillis();
    }

    /** When the countdown last went out (epoch ms): the liveness check's evidence that the heartbeat beats. */
    public long lastTickAt() {
        return lastTickAt;
    }
}
