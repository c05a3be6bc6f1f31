package circuitbreaker.console.control;

import circuitbreaker.maintenance.entity.StateChanged;
import circuitbreaker.platform.FailsAlone;
import circuitbreaker.platform.Second;
import circuitbreaker.schedule.entity.WindowsChanged;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The consoles' live feed (server-sent events): the overview at once to each new console, then again whenever it
 * differs, checked on every change and every second. Sent asynchronously, so a slow console never holds up the
 * visitors' pages.
 */
@ApplicationScoped
public class ConsoleFeed {

    static final String EVENT = "overview";

    @Inject
    ConsoleOverview overview;

    @Inject
    Jsonb jsonb;

    @Resource
    ManagedExecutorService executor;

    private final Set<SseEventSink> consoles = ConcurrentHashMap.newKeySet();
    private volatile Sse sse;
    private String lastSent; // guarded by this

    public void subscribe(SseEventSink console, Sse sse) {
        this.sse = sse;
        send(console, event(jsonb.toJson(overview.now())));
        consoles.add(console);
    }

    /**
     * Every second (the countdown, the open sockets and the deliveries change without an event of their own), on the
     * heartbeat's thread.
     */
    @FailsAlone
    void second(@ObservesAsync Second second) {
        if (!consoles.isEmpty()) {
            publishIfChanged();
        }
    }

    /**
     * On each change, handed to an executor: nothing is handed over while no console is open, so the API's writes pay
     * for the hand-over only while someone watches.
     */
    @FailsAlone
    void stateChanged(@Observes StateChanged change) {
        soon();
    }

    @FailsAlone
    void windowsChanged(@Observes WindowsChanged change) {
        soon();
    }

    private void soon() {
        if (!consoles.isEmpty()) {
            executor.execute(this::publishIfChanged);
        }
    }

    synchronized void publishIfChanged() {
        String json = jsonb.toJson(overview.now());
        if (json.equals(lastSent)) {
            return;
        }
        lastSent = json;
        OutboundSseEvent event = event(json);
        consoles.forEach(console -> send(console, event));
    }

    private OutboundSseEvent event(String json) {
        return sse.newEventBuilder().name(EVENT).data(json).build();
    }

    private void send(SseEventSink console, OutboundSseEvent event) {
        if (console.isClosed()) {
            consoles.remove(console);
            return;
        }
        console.send(event).whenComplete((sent, failure) -> {
            if (failure != null) { // the console went away: forget it
                consoles.remove(console);
                console.close();
            }
        });
    }
}
