package circuitbreaker.it;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A main site built as the original service was (src/test/node/site.js: Express with Socket.IO, which owns the
 * server's upgrades), as a process of its own: pages on every path, /health, server-sent events at /events, uploads
 * at /upload, its own WebSockets at /cable and /ws, and a webhook receiver at /hooks. Loopback only.
 */
final class NodeSite implements AutoCloseable {

    static final String PAGE_TITLE = "Main site";

    final int port;
    private final Api api;
    private Process process;

    NodeSite(int port) {
        this.port = port;
        this.api = new Api(URI.create("http://127.0.0.1:" + port + "/"));
    }

    static NodeSite started() throws Exception {
        return new NodeSite(ServiceProcess.freePort()).start();
    }

    NodeSite start() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of("node", "src/test/node/site.js", Integer.toString(port)))
                .redirectErrorStream(true);
        builder.environment().put("NODE_PATH", System.getProperty("node.modules"));
        process = builder.start();
        String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        if (!"site ready".equals(line)) {
            throw new AssertionError("the Node site did not start: " + line);
        }
        return this;
    }

    URI uri(String path) {
        return api.uri(path);
    }

    /** Straight to the site, not through a front. */
    Api api() {
        return api;
    }

    /** The webhook deliveries it received, oldest first: {id, signature, body}. */
    List<JsonObject> hooks() {
        JsonArray received = Api.array(api.get("/hooks"));
        return received.getValuesAs(JsonObject.class);
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
