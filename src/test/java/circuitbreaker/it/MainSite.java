package circuitbreaker.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for the main site, as a process of its own that a test can make healthy, failing (every answer a 500)
 * or slow, or kill with -9. Its own answers: 200 on most paths, 404 on /missing, 503 on /busy, 401 on /private;
 * {@code /health} for the watcher. Each answer says it comes from the main site (X-Main-Site).
 */
public final class MainSite {

    private static volatile String mode = "healthy";

    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 64);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool()); // a slow answer blocks no other
        server.createContext("/", MainSite::answer);
        server.createContext("/__mode/", exchange -> {
            mode = exchange.getRequestURI().getPath().substring("/__mode/".length());
            send(exchange, 200, "mode " + mode);
        });
        server.start();
        System.out.println("main site ready");
    }

    private static void answer(HttpExchange exchange) throws IOException {
        if (mode.equals("slow")) {
            sleep();
        }
        String path = exchange.getRequestURI().getPath();
        if (mode.equals("failing")) {
            send(exchange, 500, "main site failing");
        } else if (path.equals("/missing")) {
            send(exchange, 404, "main site: no such page");
        } else if (path.equals("/busy")) {
            send(exchange, 503, "main site: its own 503");
        } else if (path.equals("/echo")) { // what reached the site: the visitor's method and body
            send(exchange, 200, exchange.getRequestMethod() + " " + new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
        } else if (path.equals("/private")) {
            send(exchange, 401, "main site: sign in first");
        } else {
            send(exchange, 200, "<!DOCTYPE html><title>Main site</title><h1>Welcome back</h1>");
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html;charset=utf-8");
        exchange.getResponseHeaders().set("X-Main-Site", "1");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static void sleep() {
        try {
            Thread.sleep(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The main site as a test starts it: a JVM of its own on a port. */
    static final class Running implements AutoCloseable {

        final int port;
        private java.lang.Process process;

        Running(int port) {
            this.port = port;
        }

        Running start() throws Exception {
            process = new ProcessBuilder(commandLine(port)).redirectErrorStream(true).start();
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8)).readLine();
            if (!"main site ready".equals(line)) {
                throw new AssertionError("the main site did not start: " + line);
            }
            return this;
        }

        boolean alive() {
            return process != null && process.isAlive();
        }

        long pid() {
            return process.pid();
        }

        /** How a script starts this site again on its port: its java, class path and main class. */
        static List<String> commandLine(int port) {
            return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx32m",
                    "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), MainSite.class.getName(),
                    Integer.toString(port));
        }

        /** healthy, failing (every answer a 500) or slow (every answer after 5 s). */
        void mode(String mode) throws Exception {
            var client = java.net.http.HttpClient.newHttpClient();
            var answer = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                    "http://127.0.0.1:" + port + "/__mode/" + mode)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new AssertionError("the main site refused mode " + mode);
            }
        }

        /** kill -9. */
        void kill() throws Exception {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws Exception {
            if (process != null && process.isAlive()) {
                kill();
            }
        }
    }
}
