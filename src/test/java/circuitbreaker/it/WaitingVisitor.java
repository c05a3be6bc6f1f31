package circuitbreaker.it;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A visitor's page as the breaker sees it, through the front: it waits on the page's socket and does what page.js
 * does. On its turn (an admission) it hands the value to /circuit-breaker/admit, takes the cookie the breaker sets and
 * fetches the site with it; when the state says everyone
 * may come back (maintenance off, no reopening) it fetches the site as it is. It names itself to the site
 * (X-Visitor), which keeps the time of its arrival.
 */
final class WaitingVisitor implements WebSocket.Listener, AutoCloseable {

    final String name;
    private final HttpClient http;
    private final URI front;
    private final WebSocket socket;
    private final StringBuilder partial = new StringBuilder();
    volatile long joinedAt;
    volatile long reopenedAt = -1;
    volatile long admittedAt = -1;
    volatile long trippedAt = -1;
    volatile long arrivedAt = -1;
    volatile JsonObject place;
    volatile String cookie;
    /** The Set-Cookie header the breaker answered the admission with. */
    volatile String setCookie;
    private volatile boolean fetching;
    private volatile boolean closed;

    /** Connects and waits for the first statusUpdate, so visitors started one after another wait in that order. */
    WaitingVisitor(String name, HttpClient http, URI front) throws Exception {
        this.name = name;
        this.http = http;
        this.front = front;
        this.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(front.toString().replace("http://", "ws://")).resolve("/circuit-breaker/ws"), this)
                .get(10, TimeUnit.SECONDS);
        Waits.await(name + " to hear the state", Duration.ofSeconds(10), () -> joinedAt > 0);
    }

    boolean arrived() {
        return arrivedAt > 0;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            JsonObject frame = Api.json(partial.toString());
            partial.setLength(0);
            heard(frame.getString("type"), frame.getJsonObject("data"));
        }
        webSocket.request(1);
        return null;
    }

    private void heard(String type, JsonObject data) {
        long now = System.currentTimeMillis();
        switch (type) {
            case "statusUpdate" -> {
                if (joinedAt == 0) {
                    joinedAt = now;
                }
                if (data.getString("phase").equals("reopening") && reopenedAt < 0) {
                    reopenedAt = now;
                } else if (data.getBoolean("isActive") && reopenedAt > 0 && trippedAt < 0) {
                    trippedAt = now; // maintenance on again during the reopening
                }
                if (!data.getBoolean("isActive") && !data.getString("phase").equals("reopening")
                        && !data.getString("phase").equals("admission")) {
                    visit(); // everyone may come back: the page checks the site
                }
            }
            case "place" -> place = data;
            case "admitted" -> {
                if (admittedAt < 0) {
                    admittedAt = now; // when it was first let in (a page still open later may be let in again)
                }
                admit(data.getString("value"));
            }
            default -> { }
        }
    }

    private void admit(String value) {
        HttpRequest request = HttpRequest.newBuilder(front.resolve("/circuit-breaker/admit"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(value)).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((answer, failure) -> {
            String given = answer == null ? null : answer.headers().firstValue("Set-Cookie").orElse(null);
            if (given != null) {
                setCookie = given;
                cookie = given.split(";", 2)[0].split("=", 2)[1];
            }
            visit(); // refused (the line is over): the site as it is
        });
    }

    /**
     * Goes to the site, with its admission when it has one, and again every 1.5 s until in (the page asks again once
     * after 1.5 to 2.5 s, then every 10 to 20 s: this visitor is quicker, so the tests wait less, not more).
     */
    private void visit() {
        if (arrived() || fetching) {
            return;
        }
        fetching = true;
        HttpRequest.Builder request = HttpRequest.newBuilder(front.resolve("/")).header("X-Visitor", name);
        if (setCookie != null) {
            request.header("Cookie", setCookie.split(";", 2)[0]);
        }
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()).whenComplete((answer, failure) -> {
            if (answer != null && answer.statusCode() == 200 && answer.headers().firstValue("X-Main-Site").isPresent()) {
                arrivedAt = System.currentTimeMillis();
            }
            fetching = false;
            if (!arrived() && !closed) { // still the page (the front keeps the gate's answer to the end of its second)
                CompletableFuture.delayedExecutor(1500, TimeUnit.MILLISECONDS).execute(this::visit);
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        socket.abort();
    }
}
