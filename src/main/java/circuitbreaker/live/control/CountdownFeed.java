package circuitbreaker.live.control;

import circuitbreaker.live.entity.Countdown;
import circuitbreaker.live.entity.ScopedMessage;
import circuitbreaker.live.entity.SocketJoined;
import circuitbreaker.live.entity.SocketMessage;
import circuitbreaker.maintenance.control.MaintenanceStore;
import circuitbreaker.maintenance.entity.MaintenanceState;
import circuitbreaker.maintenance.entity.Scope;
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
 * What every page hears: the new state of its scope after each change (statusUpdate), and its countdown every second
 * (countdownUpdate), each serialized once for all the sockets of that scope's feed.
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
        sockets.broadcast(changed.scope(), statusUpdate(changed.scope()));
        metrics.count("circuitbreaker_broadcasts", "type", SocketMessage.STATUS_UPDATE);
    }

    /** A page that has just connected hears its scope's state first, before anything else is sent to it. */
    @FailsAlone
    void joined(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) SocketJoined joined) {
        sockets.sendTo(joined.sessionId(), statusUpdate(joined.scope()));
    }

    /** Answers one socket's requestStatus. */
    public void statusTo(String sessionId, String scope) {
        sockets.sendTo(sessionId, statusUpdate(scope));
    }

    private String statusUpdate(String scope) {
        return jsonb.toJson(ScopedMessage.of(scope, SocketMessage.STATUS_UPDATE, store.status(scope)));
    }

    @FailsAlone
    void second(@ObservesAsync Second second) {
        long now = store.now();
        long site = countdown(Scope.SITE, now);
        sockets.outboxes().stream().map(Outbox::scope).filter(s -> !s.equals(Scope.SITE)).distinct()
                .forEach(scope -> countdown(scope, now));
        store.recordBroadcast(site);
        lastTickAt = System.currentTimeMillis();
    }

    private long countdown(String scope, long now) {
        MaintenanceState state = store.current(scope);
        Countdown countdown = new Countdown(state.countdownAt(now), state.estimatedCompletion(), now,
                state.phaseAt(now).key());
        sockets.broadcast(scope, jsonb.toJson(ScopedMessage.of(scope, SocketMessage.COUNTDOWN_UPDATE, countdown)));
        metrics.count("circuitbreaker_broadcasts", "type", SocketMessage.COUNTDOWN_UPDATE);
        return countdown.countdown();
    }

    /** When the countdown last went out (epoch ms): the liveness check's evidence that the heartbeat beats. */
    public long lastTickAt() {
        return lastTickAt;
    }
}
