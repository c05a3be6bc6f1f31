package circuitbreaker.it;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real front proxy from Debian's packages that asks the breaker's gate before each request, started with the
 * configuration shipped in server-config/front-proxy/ exactly as an operator fills it in. Loopback only.
 */
final class GatedProxy implements AutoCloseable {

    static final Path SHIPPED = Path.of(System.getProperty("server.config.dir"), "front-proxy");
    /** How long a shipped front stands in for a breaker it cannot ask, by default (docs/operations.md), seconds. */
    static final long KEEP_CLOSED = 120;
    private static final String NGINX_KEEP_CLOSED = "set $circuit_breaker_keep_closed %d;";

    final String name;
    final String host;
    final int port;
    private final Api api;
    private final Process process;
    private final Path log;

    /** Waits until the started proxy answers on its port; its log says why when it does not. */
    GatedProxy(String name, String host, int port, Process process, Path log) throws Exception {
        this.name = name;
        this.host = host;
        this.port = port;
        this.api = new Api(uri());
        this.process = process;
        this.log = log;
        for (int i = 0; i < 200 && !answers(); i++) {
            Thread.sleep(50);
        }
        if (!answers()) {
            throw new AssertionError(name + " did not start: " + Files.readString(log));
        }
    }

    /** nginx with server-config/front-proxy/nginx-gate.conf, included in a minimal http { }. */
    static GatedProxy nginx(Path work, int mainSite, int breaker) throws Exception {
        return nginx(work, "127.0.0.1", mainSite, breaker);
    }

    /** @param host the address visitors come to: 127.0.0.1, or [::1] for IPv6 visitors */
    static GatedProxy nginx(Path work, String host, int mainSite, int breaker) throws Exception {
        return nginx(work, host, mainSite, breaker, KEEP_CLOSED);
    }

    /** @param keepClosed the file's bound, set where an operator sets it: the file's one line for it */
    static GatedProxy nginx(Path work, String host, int mainSite, int breaker, long keepClosed) throws Exception {
        return nginx(work, host, mainSite, breaker, keepClosed, List.of());
    }

    /**
     * @param scopePrefixes the scopes' path prefixes, written into the file's map as its comment shows an operator
     */
    static GatedProxy nginx(Path work, String host, int mainSite, int breaker, long keepClosed,
            List<String> scopePrefixes) throws Exception {
        int port = ServiceProcess.freePort();
        // nginx's workers run as an unprivileged user (when started as root): they must be able to reach the cache.
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path dir = Files.createDirectories(work.resolve("nginx-gate-" + port));
        String shipped = Files.readString(SHIPPED.resolve("nginx-gate.conf"));
        String byDefault = NGINX_KEEP_CLOSED.formatted(KEEP_CLOSED);
        if (!shipped.contains(byDefault)) {
            throw new AssertionError("the shipped nginx file should bound its last answer with: " + byDefault);
        }
        String example = "    # \"~^/checkout[/;]\" /checkout/;";
        if (!shipped.contains(example)) {
            throw new AssertionError("the shipped nginx file should show where a scope's prefix goes: " + example);
        }
        for (String prefix : scopePrefixes) {
            String stem = prefix.substring(0, prefix.length() - 1); // ";x=1" after it is the same path to a servlet
            shipped = shipped.replace(example, "    \"~^" + stem + "[/;]\" " + prefix + ";\n" + example);
        }
        String site = shipped.replace(byDefault, NGINX_KEEP_CLOSED.formatted(keepClosed))
                .replace("${LISTEN}", host + ":" + port)
                .replace("${MAIN_SITE}", "127.0.0.1:" + mainSite)
                .replace("${BREAKER}", "127.0.0.1:" + breaker)
                .replace("${CACHE_DIR}", dir.resolve("cache").toString());
        Files.writeString(dir.resolve("site.conf"), site);
        return new GatedProxy("nginx", host, port, nginx(dir, "include " + dir.resolve("site.conf") + ";"),
                dir.resolve("error.log"));
    }

    /** A foreground nginx with everything it writes in {@code dir}, serving the given http-level configuration. */
    static Process nginx(Path dir, String http) throws IOException {
        Path config = dir.resolve("nginx.conf");
        Files.writeString(config, """
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log notice;
                events { worker_connections 4096; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                %2$s
                }
                """.formatted(dir, http.indent(4).stripTrailing()));
        return new ProcessBuilder("nginx", "-c", config.toString(), "-e", dir.resolve("error.log").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
    }

    /** Caddy with server-config/front-proxy/Caddyfile, its addresses given through the environment. */
    static GatedProxy caddy(Path work, int mainSite, ServiceProcess breaker) throws Exception {
        return caddy(work, "127.0.0.1", mainSite, breaker);
    }

    /** @param host the address visitors come to; the page's copy is the one the breaker keeps beside its state */
    static GatedProxy caddy(Path work, String host, int mainSite, ServiceProcess breaker) throws Exception {
        return caddy(work, host, mainSite, breaker, null);
    }

    /** @param keepClosed the file's bound through its variable, CB_KEEP_CLOSED; null leaves the file's default */
    static GatedProxy caddy(Path work, String host, int mainSite, ServiceProcess breaker, Long keepClosed)
            throws Exception {
        return caddy(work, host, host, mainSite, breaker, keepClosed);
    }

    /**
     * Caddy as the docs install it (CB_LISTEN=:80): for every host name a visitor sends, such as a scope's, while the
     * test's own visitors come to loopback.
     */
    static GatedProxy caddyForEveryHost(Path work, int mainSite, ServiceProcess breaker) throws Exception {
        return caddy(work, "", "127.0.0.1", mainSite, breaker, null);
    }

    /** @param listen the site address's host: empty for every host */
    private static GatedProxy caddy(Path work, String listen, String host, int mainSite, ServiceProcess breaker,
            Long keepClosed) throws Exception {
        int port = ServiceProcess.freePort();
        Path dir = Files.createDirectories(work.resolve("caddy-" + port));
        ProcessBuilder builder = new ProcessBuilder("caddy", "run", "--config",
                SHIPPED.resolve("Caddyfile").toString(), "--adapter", "caddyfile");
        builder.environment().putAll(Map.of("CB_LISTEN", listen + ":" + port,
                "CB_MAIN_SITE", "127.0.0.1:" + mainSite, "CB_BREAKER", "127.0.0.1:" + breaker.port,
                "CB_PAGE_COPY", breaker.pageCopy().toString(),
                "HOME", dir.toString(), "XDG_DATA_HOME", dir.toString(), "XDG_CONFIG_HOME", dir.toString()));
        if (keepClosed != null) {
            builder.environment().put("CB_KEEP_CLOSED", keepClosed.toString());
        }
        Path log = dir.resolve("caddy.log");
        Process caddy = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new GatedProxy("caddy", host, port, caddy, log);
    }

    /**
     * Waits for nginx's cache loader, which runs a minute after a start: until then its cache is cold, and a lookup
     * may find on disk an answer that a newer one superseded in memory (docs/operations.md, "nginx").
     */
    void awaitCacheLoaded() {
        Waits.await(name + "'s cache loader", java.time.Duration.ofSeconds(90), () -> {
            try {
                return Files.readString(log).contains("http file cache: ");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    URI uri() {
        return URI.create("http://" + host + ":" + port + "/");
    }

    /** One client for all requests: a new JDK client per request would hold its selector until collected. */
    Api api() {
        return api;
    }

    private boolean answers() {
        try (Socket socket = new Socket(host.replace("[", "").replace("]", ""), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return host.startsWith("[") ? name + " (IPv6)" : name;
    }
}
