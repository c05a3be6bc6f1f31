package circuitbreaker.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What page.js does when its visitor may go back to the site, for the load processes' sockets: on its turn (an
 * {@code admitted} frame) it hands the value to {@code /circuit-breaker/admit} and fetches the site through the front
 * with the cookie that sets; when the state says
 * everyone may come (maintenance off, no reopening) it fetches the site as it is. A visitor that still gets the page
 * (the front keeps the gate's answer to the end of its second) asks again 1.5 to 2.5 s later, as page.js does, until
 * it is in. Each names itself in {@code X-Visitor}, which the benchmark's site logs with the time of arrival.
 */
final class PageVisits {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI site;
    private final String source;
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "page-visits-again");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Integer> gone = ConcurrentHashMap.newKeySet();
    private final AtomicInteger arrived = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger refusedAdmissions = new AtomicInteger();

    /** @param site the front's URL of the site; {@code source} names this process's visitors */
    PageVisits(URI site, String source) {
        this.site = site;
        this.source = source;
    }

    /** A text frame the socket of visitor {@code visitor} received. */
    void heard(int visitor, String text) {
        if (text.startsWith("{\"type\":\"admitted\"")) {
            int at = text.indexOf("\"value\":\"") + 9;
            if (gone.add(visitor)) {
                admit(visitor, text.substring(at, text.indexOf('"', at)), 3);
            }
        } else if (text.startsWith("{\"type\":\"statusUpdate\"") && text.contains("\"isActive\":false")
                && !text.contains("\"phase\":\"reopening\"") && !text.contains("\"phase\":\"admission\"")) {
            visit(visitor, null);
        }
    }

    private void visit(int visitor, String cookie) {
        if (gone.add(visitor)) {
            fetch(visitor, cookie);
        }
    }

    private void admit(int visitor, String value, int tries) {
        HttpRequest request = HttpRequest.newBuilder(site.resolve("/circuit-breaker/admit")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(value)).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((answer, failure) -> {
            if ((answer == null || answer.statusCode() >= 500) && tries > 1) { // busy: again a moment later, as page.js
                later.schedule(() -> admit(visitor, value, tries - 1), 300 + ThreadLocalRandom.current().nextInt(700),
                        TimeUnit.MILLISECONDS);
                return;
            }
            String cookie = answer == null ? null : answer.headers().firstValue("Set-Cookie").orElse(null);
            if (cookie == null && refusedAdmissions.incrementAndGet() == 1) { // what went wrong, once per ending
                System.err.println("admission refused: " + (answer != null ? "HTTP " + answer.statusCode() : failure));
            }
            fetch(visitor, cookie == null ? null : cookie.split(";", 2)[0]); // refused: the site as it is, as page.js
        });
    }

    private void fetch(int visitor, String cookie) {
        HttpRequest.Builder request = HttpRequest.newBuilder(site).timeout(Duration.ofSeconds(30))
                .header("X-Visitor", source + "-" + visitor);
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()).whenComplete((answer, failure) -> {
            if (answer != null && answer.statusCode() == 200 && answer.headers().firstValue("X-Circuit-Breaker").isEmpty()) {
                arrived.incrementAndGet();
            } else if (answer != null && answer.headers().firstValue("X-Circuit-Breaker").isPresent()) {
                refused.incrementAndGet(); // still the page: once more soon, as page.js does
                later.schedule(() -> fetch(visitor, cookie), 1500 + ThreadLocalRandom.current().nextInt(1000),
                        TimeUnit.MILLISECONDS);
            } else if (failed.incrementAndGet() == 1) { // what went wrong, once per ending
                System.err.println("visit failed: " + (answer != null ? "HTTP " + answer.statusCode() : failure));
            }
        });
    }

    /** "arrived A refused R failed F pending P" since the last {@link #forget()}; refused counts the page answers. */
    String report() {
        return "arrived " + arrived.get() + " refused " + refused.get() + " failed " + failed.get() + " pending "
                + (gone.size() - arrived.get() - failed.get());
    }

    /** Every visitor is back on the page, waiting again. */
    void forget() {
        gone.clear();
        arrived.set(0);
        refused.set(0);
        failed.set(0);
        refusedAdmissions.set(0);
    }
}
