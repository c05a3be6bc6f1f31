package circuitbreaker.benchmark;

import circuitbreaker.benchmark.SocketBenchmark.Load;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The reopening under a crowd: N pages wait on one running service while maintenance is on; maintenance ends twice,
 * once with everyone let in at once ({@code reopenSeconds: 0}) and once spread over the reopening, and each time every
 * page goes to the site through the gated front as page.js would. The site logs each arrival's time; this counts them
 * per second. It also measures the breaker's CPU and memory while it tells N sockets their places and admits them.
 * With newcomers, a third ending (20 s, or the given reopening if shorter) has that many new pages a second arrive
 * all through it (SPEC §20).
 *
 * <p>Usage: {@code ReopeningBenchmark <port> <server pid> <sockets> <per process> <site URL through the front>
 * <arrivals log> <reopen seconds> [<newcomers per second>]}. The log has one line per arrival, its epoch time in
 * seconds ({@code $msec}). Prints one line of JSON per ending. Traffic goes to 127.0.0.1 only.
 */
public final class ReopeningBenchmark {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long pid = Long.parseLong(args[1]);
        int sockets = Integer.parseInt(args[2]);
        int perProcess = Integer.parseInt(args[3]);
        String site = args[4];
        Path arrivals = Path.of(args[5]);
        int reopenSeconds = Integer.parseInt(args[6]);
        int newcomers = args.length > 7 ? Integer.parseInt(args[7]) : 0;

        post(port, "{\"countdown\":7200}");
        List<Load> loads = SocketBenchmark.start(port, sockets, perProcess, site);
        int connected = SocketBenchmark.connected(loads);
        Thread.sleep(3000); // every page has heard the state and waits
        int newcomerSeconds = Math.min(NEWCOMER_SECONDS, reopenSeconds);
        int[][] endings = newcomers > 0 ? new int[][] {{0, 0}, {reopenSeconds, 0}, {newcomerSeconds, newcomers}}
                : new int[][] {{0, 0}, {reopenSeconds, 0}};
        for (int[] ending : endings) {
            System.out.println(reopen(port, pid, loads, arrivals, ending[0], ending[1], sockets, connected));
            connected += ending[1] * ending[0]; // the newcomers wait with the others from now on
            post(port, "{\"countdown\":7200}");
            Thread.sleep(3000); // closed again everywhere, the front's one-second answers included
        }
        for (Load load : loads) {
            load.commands().println("quit");
            load.process().waitFor();
        }
    }

    /** The reopening that newcomers arrive through (or the given one, if shorter). */
    static final int NEWCOMER_SECONDS = 20;
    /** Newcomers are opened in batches this often. */
    static final long NEWCOMER_STEP_MILLIS = 100;

    /**
     * Ends maintenance with that reopening, {@code newcomers} new pages a second arriving through it, and waits until
     * every page has been to the site (or well past its end).
     */
    private static String reopen(int port, long pid, List<Load> loads, Path arrivals, int seconds, int newcomers,
            int sockets, int waiting) throws Exception {
        for (Load load : loads) {
            load.ask("forget");
        }
        long rssBefore = SocketBenchmark.rssKib(pid);
        long rssMost = rssBefore;
        long cpuBefore = SocketBenchmark.cpuTicks(pid);
        long posted = System.currentTimeMillis();
        post(port, "{\"isActive\":false,\"reopenSeconds\":" + seconds + "}");
        long deadline = posted + (seconds + 30) * 1000L;
        int added = 0;
        int connected = waiting;
        int[] visits = new int[4]; // arrived, refused (the page again: asked once more), failed, pending
        do {
            Thread.sleep(NEWCOMER_STEP_MILLIS);
            long due = Math.min(seconds * 1000L, System.currentTimeMillis() - posted) * newcomers / 1000;
            while (added < due) { // in batches, spread over the load processes
                int batch = (int) Math.min(due - added, Math.max(1, newcomers / 10));
                loads.get(added % loads.size()).ask("more " + batch);
                added += batch;
            }
            connected = waiting + added;
            rssMost = Math.max(rssMost, SocketBenchmark.rssKib(pid));
            visits = new int[4];
            for (Load load : loads) {
                String[] line = load.ask("visits").split(" "); // "visits arrived A refused R failed F pending P"
                for (int i = 0; i < visits.length; i++) {
                    visits[i] += Integer.parseInt(line[2 + 2 * i]);
                }
            }
        } while ((visits[0] + visits[2] < connected || added < seconds * newcomers)
                && System.currentTimeMillis() < deadline);
        long done = System.currentTimeMillis();
        double cpuPercent = (SocketBenchmark.cpuTicks(pid) - cpuBefore) * 100.0 / ((done - posted) / 10.0);
        long[] perSecond = perSecond(arrivals, posted, done);
        long[] sorted = perSecond.clone();
        java.util.Arrays.sort(sorted);
        return String.format(Locale.ROOT, "{\"reopenSeconds\":%d,\"newcomersPerSecond\":%d,\"sockets\":%d,"
                        + "\"connected\":%d,\"arrived\":%d,"
                        + "\"refused\":%d,\"failed\":%d,\"pending\":%d,\"peakPerSecond\":%d,\"p99PerSecond\":%d,"
                        + "\"medianPerSecond\":%d,"
                        + "\"lastArrivalSeconds\":%.1f,\"cpuPercent\":%.1f,\"rssBeforeMiB\":%.0f,\"rssMostMiB\":%.0f,"
                        + "\"perSecond\":%s}",
                seconds, newcomers, sockets, connected, visits[0], visits[1], visits[2], visits[3],
                sorted.length == 0 ? 0 : sorted[sorted.length - 1], SocketBenchmark.percentile(sorted, 99),
                SocketBenchmark.percentile(sorted, 50),
                lastArrival(arrivals, posted, done) / 1000.0, cpuPercent, rssBefore / 1024.0, rssMost / 1024.0,
                java.util.Arrays.toString(perSecond).replace(" ", ""));
    }

    /** Arrivals in each second from {@code from} (epoch ms) up to the last one before {@code until}. */
    static long[] perSecond(Path log, long from, long until) throws IOException {
        long[] times = arrivalsBetween(log, from, until);
        long[] counts = new long[times.length == 0 ? 0 : (int) ((times[times.length - 1] - from) / 1000) + 1];
        for (long at : times) {
            counts[(int) ((at - from) / 1000)]++;
        }
        return counts;
    }

    private static long lastArrival(Path log, long from, long until) throws IOException {
        long[] times = arrivalsBetween(log, from, until);
        return times.length == 0 ? 0 : times[times.length - 1] - from;
    }

    private static long[] arrivalsBetween(Path log, long from, long until) throws IOException {
        return Files.readAllLines(log).stream().filter(line -> !line.isBlank())
                .mapToLong(line -> Math.round(Double.parseDouble(line.strip()) * 1000))
                .filter(at -> at >= from && at <= until).sorted().toArray();
    }

    /** An update to the running service, as a deploy script sends it; fails unless it is saved. */
    static void post(int port, String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/maintenance/status")).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<String> answer;
        try {
            answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException staleConnection) {
            // A kept-alive connection the service closed while it sat idle: the JDK's client retries no POST on a
            // new one by itself. The update sets the state whole, so sending it again is safe.
            answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        }
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("update refused: " + answer.body());
        }
    }
}
