package circuitbreaker.platform;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * The one way the breaker calls out (the watcher's probes, the webhooks): the JDK's HTTP client speaking plain
 * HTTP/1.1, never following redirects. Its default offers an h2c upgrade on http:// URLs, and servers that own upgrades
 * for their own sockets (Node with Socket.IO or ws, and many others) drop such a request unanswered: a healthy site
 * would look dead, and a receiver would never get its deliveries.
 */
public final class PlainHttp {

    private PlainHttp() {
    }

    public static HttpClient client(Executor executor, Duration connectTimeout) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(connectTimeout).build();
    }
}
