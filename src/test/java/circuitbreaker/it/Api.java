package circuitbreaker.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A deploy script's view of the service: plain HTTP on loopback, JSON parsed with JSON-P. */
public final class Api {

    public static final String TOKEN = "it-secret-token";

    // HTTP/1.1, as curl and browsers speak to http:// URLs (the JDK would offer an h2c upgrade, which many sites drop).
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    public Api(URI base) {
        this.base = base;
    }

    /** Arquillian names the host's own address; tests talk to loopback only. */
    public static Api onLoopback(URL deployed) {
        return new Api(URI.create("http://127.0.0.1:" + deployed.getPort() + "/"));
    }

    public URI base() {
        return base;
    }

    public URI uri(String path) {
        return base.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    public HttpResponse<String> get(String path, String... headers) {
        return send(request(path, headers).GET().build());
    }

    public HttpResponse<String> head(String path) {
        return send(request(path).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
    }

    /** A write with the right token, as a deploy script sends it. */
    public HttpResponse<String> post(String json) {
        return post(json, "Content-Type", "application/json", "Authorization", "Bearer " + TOKEN);
    }

    public HttpResponse<String> post(String body, String... headers) {
        return send(request("/api/maintenance/status", headers)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    public HttpResponse<String> send(String path, String method, String body, String... headers) {
        return send(request(path, headers).method(method, HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public JsonObject status() {
        return json(get("/api/maintenance/status"));
    }

    public JsonObject health() {
        return json(get("/health"));
    }

    /** What the console shows, operators only: the token where one is set, loopback where none is. */
    public JsonObject overview() {
        HttpResponse<String> answer = get("/api/maintenance/console", "Authorization", "Bearer " + TOKEN);
        if (answer.statusCode() != 200) {
            throw new AssertionError("the console's overview answered " + answer.statusCode() + ": " + answer.body());
        }
        return json(answer);
    }

    public static JsonObject json(HttpResponse<String> response) {
        return json(response.body());
    }

    public static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    public static JsonArray array(HttpResponse<String> response) {
        try (var reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readArray();
        }
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20));
        return headers.length == 0 ? builder : builder.headers(headers);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
