package circuitbreaker.webhook.control;

import circuitbreaker.webhook.entity.Subscriber;
import circuitbreaker.webhook.entity.WebhookEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The receivers in CIRCUIT_BREAKER_WEBHOOKS_FILE (so secrets never travel through the API), read again whenever the
 * file changes. A receiver with a bad URL, secret or event is left out with a log line; an unreadable file leaves none,
 * with a log line; everything else keeps working.
 */
@ApplicationScoped
public class WebhookSubscribers {

    private static final System.Logger LOG = System.getLogger(WebhookSubscribers.class.getName());
    static final Set<String> EVENTS = Set.of(WebhookEvent.OPENED, WebhookEvent.UPDATED, WebhookEvent.CLOSED,
            WebhookEvent.SCHEDULED, WebhookEvent.CANCELLED, WebhookEvent.TRIPPED, WebhookEvent.RECOVERED,
            WebhookEvent.REOPENING_STARTED, WebhookEvent.REOPENING_ENDED, WebhookEvent.ADMISSION_STARTED,
            WebhookEvent.ADMISSION_CHANGED, WebhookEvent.ADMISSION_ENDED, WebhookEvent.DEPLOY_FAILED);

    private Optional<Path> file;
    private volatile List<Subscriber> subscribers = List.of();
    private volatile String readFrom = "";
    private volatile long checkedAt;

    protected WebhookSubscribers() {
    }

    @Inject
    public WebhookSubscribers(@ConfigProperty(name = "circuit.breaker.webhooks.file") Optional<String> location) {
        this.file = location.filter(l -> !l.isBlank()).map(Path::of);
    }

    /** The receivers now; the file is looked at again at most once a second. */
    public List<Subscriber> current() {
        if (file.isPresent() && System.currentTimeMillis() - checkedAt >= 1000) {
            reloadIfChanged(file.get());
        }
        return subscribers;
    }

    public Optional<Subscriber> forUrl(String url) {
        return current().stream().filter(s -> s.url().equals(url)).findFirst();
    }

    private synchronized void reloadIfChanged(Path path) {
        checkedAt = System.currentTimeMillis();
        String stamp;
        try {
            stamp = Files.getLastModifiedTime(path) + "/" + Files.size(path);
        } catch (IOException e) {
            stamp = "unreadable: " + e;
        }
        if (stamp.equals(readFrom)) {
            return;
        }
        readFrom = stamp;
        subscribers = read(path);
        LOG.log(Level.INFO, "Webhooks: {0} receiver(s) from {1}", subscribers.size(), path);
    }

    static List<Subscriber> read(Path path) {
        JsonArray entries;
        try (var reader = Json.createReader(new StringReader(Files.readString(path, StandardCharsets.UTF_8)))) {
            entries = reader.readArray();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.ERROR, "Webhooks file {0} cannot be read ({1}): no webhooks are sent", path, e.toString());
            return List.of();
        }
        List<Subscriber> found = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            try {
                found.add(subscriber(entries.get(i)));
            } catch (IllegalArgumentException e) {
                LOG.log(Level.WARNING, "Webhook receiver {0} in {1} is left out: {2}", i + 1, path, e.getMessage());
            }
        }
        return List.copyOf(found);
    }

    static Subscriber subscriber(JsonValue value) {
        if (!(value instanceof JsonObject entry)) {
            throw new IllegalArgumentException("it must be an object with url and secret");
        }
        String url = entry.get("url") instanceof JsonString s ? s.getString() : "";
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new IllegalArgumentException("url must be an http:// or https:// URL, not '" + url + "'");
        }
        String secret = entry.get("secret") instanceof JsonString s ? s.getString() : null;
        try {
            Signature.key(secret);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("secret must be whsec_ followed by base64 (" + e.getMessage() + ")");
        }
        Set<String> events = new HashSet<>();
        if (entry.containsKey("events")) {
            if (!(entry.get("events") instanceof JsonArray list)) {
                throw new IllegalArgumentException("events must be a list such as [\"maintenance.opened\"]");
            }
            for (JsonValue event : list) {
                String name = event instanceof JsonString s ? s.getString() : String.valueOf(event);
                if (!EVENTS.contains(name)) {
                    throw new IllegalArgumentException("unknown event '" + name + "'; known: "
                            + String.join(", ", EVENTS.stream().sorted().toList()));
                }
                events.add(name);
            }
        }
        String format = entry.get("format") instanceof JsonString s ? s.getString() : "standard";
        if (!format.equals("standard") && !format.equals("slack")) {
            throw new IllegalArgumentException("format must be \"standard\" or \"slack\", not '" + format + "'");
        }
        return new Subscriber(url, secret, Set.copyOf(events), format);
    }
}
