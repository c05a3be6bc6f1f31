package circuitbreaker.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real nginx in front without the gate (docs/operations.md, "Without the gate"): the main site first, the breaker
 * whenever the site answers 502/503/504 (or is not there), and the page's socket always to the breaker. Loopback only.
 */
final class FrontProxy implements AutoCloseable {

    private final GatedProxy nginx; // a proxy process like the gated ones: started, awaited and stopped alike

    FrontProxy(Path work, int mainSitePort, int breakerPort) throws Exception {
        int port = ServiceProcess.freePort();
        Path dir = Files.createDirectories(work.resolve("nginx"));
        Process process = GatedProxy.nginx(dir, """
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
                    location = /circuit-breaker/ws {
                        proxy_pass http://circuit_breaker;
                        proxy_http_version 1.1;
                        proxy_set_header Upgrade $http_upgrade;
                        proxy_set_header Connection "upgrade";
                        proxy_read_timeout 1h;
                    }
                }
                """.formatted(mainSitePort, breakerPort, port));
        nginx = new GatedProxy("nginx without the gate", "127.0.0.1", port, process, dir.resolve("error.log"));
    }

    java.net.URI uri() {
        return nginx.uri();
    }

    @Override
    public void close() throws Exception {
        nginx.close();
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
