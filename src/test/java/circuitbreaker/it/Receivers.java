package circuitbreaker.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.IntUnaryOperator;

/** Real HTTP receivers of webhooks on loopback: each path records every request and answers as it is told. */
final class Receivers implements AutoCloseable {

    /**
     * @param at System.nanoTime() on arrival
     * @param arrivedMillis the wall clock on arrival
     * @param answer the HTTP status it was answered with
     */
    record Received(String path, String id, String timestamp, String signature, String body, long at,
            long arrivedMillis, int answer) {

        JsonObject json() {
            return Api.json(body);
        }

        boolean accepted() {
            return answer / 100 == 2;
        }

        /** The same request with another body, as if it had been changed on the way. */
        Received withBody(String changed) {
            return new Received(path, id, timestamp, signature, changed, at, arrivedMillis, answer);
        }
    }

    final HttpServer server;
    final List<Received> received = new CopyOnWriteArrayList<>();

    Receivers() throws IOException {
        this(0);
    }

    Receivers(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    /** @param answer the HTTP status for the n-th request to this path (counted from 1) */
    String receiver(String path, IntUnaryOperator answer) {
        server.createContext(path, exchange -> record(exchange, answer));
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private void record(HttpExchange exchange, IntUnaryOperator answer) throws IOException {
        String path = exchange.getRequestURI().getPath();
        var headers = exchange.getRequestHeaders();
        long at = System.nanoTime();
        long arrivedMillis = System.currentTimeMillis();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Received request;
        synchronized (received) { // counted and kept at once: the n-th request gets the n-th answer
            int n = at(path).size() + 1;
            request = new Received(path, headers.getFirst("webhook-id"), headers.getFirst("webhook-timestamp"),
                    headers.getFirst("webhook-signature"), body, at, arrivedMillis, answer.applyAsInt(n));
            received.add(request);
        }
        exchange.sendResponseHeaders(request.answer(), -1);
        exchange.close();
    }

    List<Received> at(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Waits until the path has had this many requests; returns them. */
    List<Received> await(String path, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (at(path).size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(path + ": " + at(path).size() + " of " + count + " requests within " + timeout
                        + ": " + at(path));
            }
            Thread.sleep(50);
        }
        return at(path);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
