package circuitbreaker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A few seconds of benchmark/run.sh (the gate and the reopening included), so the benchmark keeps working; its figures
 * are not judged here. It runs under nice: its load yields the CPU to the test class beside it, whose checks count
 * time, and takes what that class leaves.
 */
class BenchmarkSmokeIT {

    @Test
    void theBenchmarkRunsEndToEndAndReportsEveryFigure() throws Exception {
        Map<String, String> ports = new java.util.HashMap<>();
        for (String port : new String[] {"BENCHMARK_PORT", "BENCHMARK_NGINX_PORT", "BENCHMARK_NGINX_CLOSE_PORT",
                "BENCHMARK_SITE_PORT", "BENCHMARK_DIRECT_PORT", "BENCHMARK_GATED_PORT"}) {
            ports.put(port, Integer.toString(ServiceProcess.freePort()));
        }
        // Minutes, not seconds: two starts, a prepared start and every part, on a machine that runs other tests too.
        Command run = Command.run(Duration.ofMinutes(7), ports, List.of("nice", "-n", "10", "bash", "benchmark/run.sh",
                "--smoke"));
        assertEquals(0, run.exitCode(), run.toString());

        Matcher kept = Pattern.compile("Kept in (\\S+)").matcher(run.out());
        assertTrue(kept.find(), run.out());
        String report = Files.readString(Path.of(kept.group(1)));
        assertTrue(report.matches("(?s).*Ready after start \\(median of 1\\): [0-9.]+ s; idle RSS \\d+ MiB \\(prepared\\).*"),
                report);
        assertTrue(report.matches("(?s).*Ready after start without the class archive \\(median of 1\\): [0-9.]+ s.*"),
                report);
        for (String target : new String[] {"page", "nginx", "nginx-close", "health", "status"}) {
            assertTrue(report.matches("(?s).*\\| " + target + " \\| 50 \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\|.*"),
                    target + " measured: " + report);
        }
        assertTrue(report.matches("(?s).*\\| page / nginx \\| 50 \\| [0-9.]+x \\|.*"), report);
        assertTrue(report.matches("(?s).*\\| page / nginx-close \\| 50 \\| [0-9.]+x \\|.*"), report);
        for (String urls : new String[] {"one", "distinct"}) {
            for (String target : new String[] {"site-direct", "site-gated", "page-gated", "nginx"}) {
                assertTrue(report.matches("(?s).*\\| " + target + " \\| " + urls + " \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\|.*"),
                        target + " measured through the shipped nginx gate, " + urls + " URL: " + report);
            }
            assertTrue(report.matches("(?s).*\\| \\(a\\) site-gated / site-direct \\| " + urls + " URL \\| [0-9.]+x \\|.*"),
                    report);
            assertTrue(report.matches("(?s).*\\| \\(b\\) page-gated \\(closed\\) / nginx static 503 \\| " + urls
                    + " URL \\| [0-9.]+x \\|.*"), report);
        }
        assertTrue(report.matches("(?s).*An update reaching visitors through the gated nginx \\(\\d+ turns, under no load\\): "
                + "median \\d+ ms, most \\d+ ms.*"), report);
        assertTrue(report.matches("(?s).*The first page after start returns \\(median of 2\\): [0-9.]+ s; the first gate "
                + "answer: [0-9.]+ s.*"), report);
        assertTrue(report.matches("(?s).*\\| 100 \\| 100 \\| 0 \\| \\d+ \\| [0-9.]+ \\| [0-9.]+ \\| \\d+/\\d+ \\| \\d+ \\| "
                + "[0-9.]+/[0-9.]+/[0-9.]+ \\|.*"), "every socket connected and every figure present: " + report);
        // All at once, a page may meet the front's closed answer of that second and ask again, as page.js does; let
        // in by their turn, none may: the gate lets the admission through at once.
        // Newcomers (5 a second through the 3 s reopening) join the line and get in as well.
        for (String ending : new String[] {"0, newcomers/s 0 \\| 100 \\| 100 \\| \\d+", "3, newcomers/s 0 \\| 100 \\| 100 \\| 0",
                "3, newcomers/s 5 \\| 115 \\| 115 \\| 0"}) {
            assertTrue(report.matches("(?s).*\\| reopenSeconds " + ending
                    + "/0 \\| \\d+, \\d+, \\d+ \\| [0-9.]+ \\| [0-9.]+ \\| \\d+/\\d+ \\|.*"),
                    "every waiting page reached the site through the gate, reopenSeconds " + ending + ": " + report);
        }
    }
}
