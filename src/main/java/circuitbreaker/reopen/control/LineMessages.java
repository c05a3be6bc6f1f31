package circuitbreaker.reopen.control;

import circuitbreaker.live.control.OpenSockets;
import circuitbreaker.live.entity.SocketMessage;
import circuitbreaker.platform.Metrics;
import circuitbreaker.reopen.entity.Admitted;
import circuitbreaker.reopen.entity.Place;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;

/** What a page in line hears: its place, then its turn with an admission of its own, counted as it goes. */
@ApplicationScoped
class LineMessages {

    @Inject
    OpenSockets sockets;

    @Inject
    Admission admission;

    @Inject
    Jsonb jsonb;

    @Inject
    Metrics metrics;

    void place(String sessionId, Place place) {
        sockets.sendTo(sessionId, jsonb.toJson(new SocketMessage(SocketMessage.PLACE, place)));
    }

    /** Whether the page was told its turn in {@code line} (a reopening ending at {@code until}, else admission mode). */
    boolean admitted(String sessionId, LineSession line, long now) {
        Admitted turn = new Admitted(admission.value(line.name(), now), line.reopening() ? line.until() : 0);
        if (!sockets.sendTo(sessionId, jsonb.toJson(new SocketMessage(SocketMessage.ADMITTED, turn)))) {
            return false;
        }
        metrics.count(line.reopening() ? "circuitbreaker_reopening_admitted" : "circuitbreaker_admission_admitted");
        return true;
    }
}
