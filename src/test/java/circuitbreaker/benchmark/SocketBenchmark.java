package circuitbreaker.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Holds N sockets on one running service from several load processes and loopback source addresses, then
 * measures what issue targets name: memory and CPU of the server, tick regularity, and update fan-out.
 *
 * <p>Usage: {@code SocketBenchmark <port> <server pid> <sockets> <per process> <tick seconds> <updates>}. Prints
 * one line of JSON. Traffic goes to 127.0.0.1 only; sources are 127.0.0.2, 127.0.0.3, ...
 */
public final class SocketBenchmark {

    /** One load process and its command line. */
    record Load(Process process, PrintWriter commands, BufferedReader answers) {

        String ask(String command) throws IOException {
            commands.println(command);
            commands.flush();
            String line;
            while ((line = answers.readLine()) != null) {
                if (line.startsWith(command.split(" ")[0])) {
                    return line;
                }
            }
            throw new IOException("load process ended");
        }
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long pid = Long.parseLong(args[1]);
        int sockets = Integer.parseInt(args[2]);
        int perProcess = Integer.parseInt(args[3]);
        int tickSeconds = Integer.parseInt(args[4]);
        int updates = Integer.parseInt(args[5]);

        long rssBefore = rssKib(pid);
        long started = System.nanoTime();
        List<Load> loads = start(port, sockets, perProcess);
        int connected = connected(loads);
        int failed = sockets - connected;
        double connectSeconds = (System.nanoTime() - started) / 1e9;
        Thread.sleep(3000); // let the server settle before measuring it
        long rssConnected = rssKib(pid);

        for (Load load : loads) {
            load.ask("reset");
        }
        long cpuBefore = cpuTicks(pid);
        Thread.sleep(tickSeconds * 1000L);
        double cpuPercent = (cpuTicks(pid) - cpuBefore) * 100.0 / (tickSeconds * 100.0); // 100 ticks a second
        List<Long> gaps = new ArrayList<>();
        int skipped = 0;
        for (Load load : loads) {
            String[] line = load.ask("ticks").split(" "); // "ticks skipped K gaps g1 g2 ..."
            skipped += Integer.parseInt(line[2]);
            for (int i = 4; i < line.length; i++) {
                gaps.add(Long.parseLong(line[i]));
            }
        }

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<Double> posts = new ArrayList<>();
        List<Double> p50s = new ArrayList<>();
        List<Double> p99s = new ArrayList<>();
        List<Double> lasts = new ArrayList<>();
        int missing = 0;
        for (int u = 0; u < updates; u++) {
            for (Load load : loads) {
                load.ask("mark");
            }
            long posted = System.nanoTime();
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/maintenance/status"))
                    .header("Content-Type", "application/json").timeout(java.time.Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"Benchmark update " + u + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            posts.add((System.nanoTime() - posted) / 1e6);
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("update refused: " + answer.body());
            }
            Thread.sleep(2000);
            List<Long> arrivals = new ArrayList<>();
            for (Load load : loads) {
                String[] line = load.ask("updates").split(" "); // "updates missing K nanos t1 t2 ..."
                missing += Integer.parseInt(line[2]);
                for (int i = 4; i < line.length; i++) {
                    arrivals.add((Long.parseLong(line[i]) - posted) / 1000);
                }
            }
            long[] sorted = arrivals.stream().mapToLong(Long::longValue).sorted().toArray();
            p50s.add(percentile(sorted, 50) / 1000.0);
            p99s.add(percentile(sorted, 99) / 1000.0);
            lasts.add(sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1000.0);
        }
        for (Load load : loads) {
            load.commands.println("quit");
            load.process.waitFor();
        }
        long[] sortedGaps = gaps.stream().mapToLong(Long::longValue).sorted().toArray();
        double mibPerThousand = connected == 0 ? 0 : (rssConnected - rssBefore) / 1024.0 / connected * 1000;
        System.out.println(String.format(Locale.ROOT, "{\"sockets\":%d,\"connected\":%d,\"failed\":%d,"
                        + "\"connectSeconds\":%.1f,\"rssIdleMiB\":%.0f,\"rssMiB\":%.0f,\"mibPer1000\":%.2f,"
                        + "\"tickCpuPercent\":%.1f,\"tickGapP50\":%d,\"tickGapP99\":%d,\"tickGapMax\":%d,"
                        + "\"skippedTicks\":%d,\"fanoutP50ms\":%.1f,\"fanoutP99ms\":%.1f,\"fanoutLastMs\":%.1f,"
                        + "\"missedUpdates\":%d,\"postMs\":%.1f}",
                sockets, connected, failed, connectSeconds, rssBefore / 1024.0, rssConnected / 1024.0,
                mibPerThousand, cpuPercent, percentile(sortedGaps, 50), percentile(sortedGaps, 99),
                sortedGaps.length == 0 ? 0 : sortedGaps[sortedGaps.length - 1], skipped, median(p50s),
                median(p99s), median(lasts), missing, median(posts)));
    }

    /** Load processes holding {@code sockets} sockets, {@code perProcess} each; extra arguments go to each of them. */
    static List<Load> start(int port, int sockets, int perProcess, String... extra) throws IOException {
        List<Load> loads = new ArrayList<>();
        for (int i = 0, left = sockets; left > 0; i++, left -= perProcess) {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"), SocketLoad.class.getName(),
                    Integer.toString(port), Integer.toString(Math.min(perProcess, left)), "127.0.0." + (2 + i)));
            command.addAll(List.of(extra));
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            loads.add(new Load(process, new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8),
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))));
        }
        return loads;
    }

    /** Waits until every load process has connected what it could; the sockets connected. */
    static int connected(List<Load> loads) throws IOException {
        int connected = 0;
        for (Load load : loads) {
            connected += Integer.parseInt(load.answers.readLine().split(" ")[1]); // "connected N failed M"
        }
        return connected;
    }

    static long percentile(long[] sorted, int percent) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * percent / 100.0) - 1)];
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2];
    }

    static long rssKib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS for pid " + pid);
    }

    /** utime + stime of the process, in clock ticks (100 a second on Linux). */
    static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

}
