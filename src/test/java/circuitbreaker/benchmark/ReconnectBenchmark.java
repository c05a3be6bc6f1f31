package circuitbreaker.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reconnect storm during a reopening: a few pages wait while maintenance is on; it ends with a long reopening; then
 * clients connect and leave again in a loop, each joining the line behind those who waited. Measures the line's size
 * (the status's {@code reopening.waiting}) and the breaker's live heap after a full GC, before and after the storm
 * (after a warm-up storm of a tenth): the line must come back to the sockets still open, and the heap to where it was.
 *
 * <p>Usage: {@code ReconnectBenchmark <port> <server pid> <reconnects> <pages waiting>}. Prints one line of JSON.
 * Traffic goes to 127.0.0.1 only; four clients at a time.
 */
public final class ReconnectBenchmark {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long pid = Long.parseLong(args[1]);
        int reconnects = Integer.parseInt(args[2]);
        int pages = Integer.parseInt(args[3]);
        URI socket = URI.create("ws://127.0.0.1:" + port + "/circuit-breaker/ws");

        ReopeningBenchmark.post(port, "{\"countdown\":7200}");
        List<WebSocket> waiting = new ArrayList<>();
        for (int i = 0; i < pages; i++) {
            waiting.add(HTTP.newWebSocketBuilder().buildAsync(socket, new WebSocket.Listener() { }).join());
        }
        Thread.sleep(2000);
        ReopeningBenchmark.post(port, "{\"isActive\":false,\"reopenSeconds\":3600}");
        storm(socket, reconnects / 10); // a warm-up: what the first connections load once is not what each retains
        long heapBefore = heapAfterGc(pid);
        int lineBefore = waitingInLine(port);

        long began = System.nanoTime();
        int failed = storm(socket, reconnects);
        long stormMillis = (System.nanoTime() - began) / 1_000_000;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int lineAfter;
        while ((lineAfter = waitingInLine(port)) > pages && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        long heapAfter = heapAfterGc(pid);
        System.out.printf("{\"reconnects\":%d,\"failed\":%d,\"stormMillis\":%d,\"pagesOpen\":%d,\"lineBefore\":%d,"
                + "\"lineAfter\":%d,\"heapBeforeKiB\":%d,\"heapAfterKiB\":%d,\"heapChange\":%.3f}%n", reconnects,
                failed, stormMillis, pages, lineBefore, lineAfter, heapBefore, heapAfter,
                (heapAfter - heapBefore) / (double) heapBefore);
        waiting.forEach(WebSocket::abort);
        ReopeningBenchmark.post(port, "{\"countdown\":7200}");
    }

    /** Clients that connect, hear the state and leave, four at a time; how many failed. */
    private static int storm(URI socket, int reconnects) throws InterruptedException {
        AtomicInteger failed = new AtomicInteger();
        ExecutorService storm = Executors.newFixedThreadPool(4);
        for (int i = 0; i < reconnects; i++) {
            storm.execute(() -> {
                try {
                    CompletableFuture<Void> heard = new CompletableFuture<>();
                    WebSocket client = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                            .buildAsync(socket, new WebSocket.Listener() {
                                @Override
                                public java.util.concurrent.CompletionStage<?> onText(WebSocket ws, CharSequence data,
                                        boolean last) {
                                    heard.complete(null);
                                    return null;
                                }
                            }).join();
                    heard.get(10, TimeUnit.SECONDS); // it joined: the state reached it
                    client.sendClose(WebSocket.NORMAL_CLOSURE, "again").get(10, TimeUnit.SECONDS);
                    client.abort();
                } catch (Exception e) {
                    failed.incrementAndGet();
                }
            });
        }
        storm.shutdown();
        storm.awaitTermination(30, TimeUnit.MINUTES);
        return failed.get();
    }

    /**
     * The bytes of live objects, as a full GC leaves them (jcmd GC.class_histogram, which collects first, asked with
     * the jcmd of the server's own Java), less the filler arrays the collector leaves in the gaps: "used" from
     * GC.heap_info counts those too, and moved by ±15 % from one storm to the next with nothing retained.
     */
    static long heapAfterGc(long pid) throws IOException, InterruptedException {
        String jcmd = java.nio.file.Path.of("/proc/" + pid + "/exe").toRealPath().resolveSibling("jcmd").toString();
        String histogram = run(jcmd, String.valueOf(pid), "GC.class_histogram");
        Matcher total = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)").matcher(histogram);
        Matcher filler = Pattern.compile("(?m)^\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+\\[Ljdk\\.internal\\.vm\\.FillerElement;")
                .matcher(histogram);
        if (!total.find()) {
            throw new IllegalStateException("no class histogram from " + jcmd + ": " + histogram);
        }
        return (Long.parseLong(total.group(1)) - (filler.find() ? Long.parseLong(filler.group(1)) : 0)) / 1024;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return out;
    }

    private static int waitingInLine(int port) throws IOException, InterruptedException {
        String status = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/maintenance/status")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher waiting = Pattern.compile("\"waiting\":(\\d+)").matcher(status); // no JSON library on this class path
        return waiting.find() ? Integer.parseInt(waiting.group(1)) : 0;
    }
}
