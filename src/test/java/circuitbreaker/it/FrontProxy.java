package circuitbreaker.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx in front without the gate (docs/operations.md, "Without the gate"): the main site first, the breaker
 * whenever the site answers 502/503/504 (or is not there), and /ws always to the breaker. Loopback only.
 */
final class FrontProxy implements AutoCloseable {

    final int port;
    private final Process nginx;

    FrontProxy(Path work, int mainSitePort, int breakerPort) throws Exception {
        port = ServiceProcess.freePort();
        Path dir = Files.createDirectories(work.resolve("nginx"));
        nginx = GatedProxy.nginx(dir, """
                upstream main_site { server 127.0.0.1:%1$d; }
                upstream circuit_breaker { server 127.0.0.1:%2$d; }
                server {
                    listen 127.0.0.1:%3$d;
                    location / {
                        proxy_pass http://main_site;
                        proxy_intercept_errors on;
                        error_page 502 503 504 = @circuit_breaker;
                    }
                    location @circuit_breaker {
                        proxy_pass http://circuit_breaker;
                        proxy_set_header Host $host;
                    }
                    location = /ws {
                        proxy_pass http://circuit_breaker;
                        proxy_http_version 1.1;
                        proxy_set_header Upgrade $http_upgrade;
                        proxy_set_header Connection "upgrade";
                        proxy_read_timeout 1h;
                    }
                }
                """.formatted(mainSitePort, breakerPort, port));
        for (int i = 0; i < 100 && !answers(); i++) {
            Thread.sleep(50);
        }
        if (!answers()) {
            throw new AssertionError("nginx did not start: " + Files.readString(dir.resolve("error.log")));
        }
    }

    java.net.URI uri() {
        return java.net.URI.create("http://127.0.0.1:" + port + "/");
    }

    private boolean answers() {
        try (var socket = new java.net.Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws Exception {
        nginx.destroy();
        if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
            nginx.destroyForcibly();
        }
    }

    /** Stand-in for the main site: answers 200 on every path while it runs. */
    static com.sun.net.httpserver.HttpServer mainSite(int port) throws IOException {
        var server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", exchange -> {
            byte[] body = "<!DOCTYPE html><title>Main site</title><h1>Welcome back</h1>".getBytes();
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

}
