package circuitbreaker.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real WebSocket client (the JDK's) that records every frame with the time it arrived. */
public final class SocketClient implements WebSocket.Listener, AutoCloseable {

    /** @param scope the frame's own "scope": null on the whole site's feed, whose frames have none */
    public record Frame(String type, JsonObject data, long receivedAt, String scope) {
    }

    public record Closed(int code, String reason) {
    }

    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket socket;

    public SocketClient(URI http) {
        this(http, "/ws");
    }

    /** @param path /ws (the original service's path) or /circuit-breaker/ws (the page's, under the public prefix) */
    public SocketClient(URI http, String path) {
        this(HttpClient.newHttpClient(), http, path);
    }

    /** @param client shared by many sockets: each client of its own has a thread of its own */
    public SocketClient(HttpClient client, URI http, String path) {
        URI ws = URI.create("ws://" + http.getHost() + ":" + http.getPort() + path);
        socket = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(ws, this).join();
    }

    /** The next frame of this type, skipping others; fails after the timeout. */
    public Frame next(String type, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Frame frame = frames.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (frame == null) {
                throw new AssertionError("no " + type + " within " + timeout);
            }
            if (frame.type().equals(type)) {
                return frame;
            }
        }
    }

    /** Every frame of this type that arrives within the window. */
    public List<Frame> collect(String type, Duration window) throws InterruptedException {
        List<Frame> found = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        Frame frame;
        while ((frame = frames.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) != null) {
            if (frame.type().equals(type)) {
                found.add(frame);
            }
        }
        return found;
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    /** Sends unless the socket is closed or closing; false once it is. */
    public boolean trySend(String text) {
        if (closed.isDone()) {
            return false;
        }
        try {
            socket.sendText(text, true).join();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    public Closed awaitClose(Duration timeout) throws Exception {
        return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try (var reader = Json.createReader(new StringReader(partial.toString()))) {
                JsonObject message = reader.readObject();
                frames.add(new Frame(message.getString("type"), message.getJsonObject("data"), System.nanoTime(),
                        message.getString("scope", null)));
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(new Closed(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS)
                    .exceptionally(e -> null).join();
        }
        socket.abort();
    }
}
