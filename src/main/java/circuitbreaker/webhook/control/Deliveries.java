package circuitbreaker.webhook.control;

import circuitbreaker.platform.AtomicFile;
import circuitbreaker.platform.JsonFile;
import circuitbreaker.webhook.entity.Delivery;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every delivery, journalled in webhook-deliveries.jsonl beside the state file: one line per new or changed delivery
 * (the last line of an id wins), appended before the change that caused it is answered, so a kill -9 loses none,
 * and the cost of an update stays the same however many deliveries wait for a dead receiver. The journal is
 * rewritten whole once it holds mostly old lines. Without fsync: a power loss (not a crash of the service) may lose
 * the last few lines. Pending deliveries are kept until they end; of the finished, the newest {@link #KEEP_FINISHED}.
 */
@ApplicationScoped
public class Deliveries {

    private static final System.Logger LOG = System.getLogger(Deliveries.class.getName());
    static final int KEEP_FINISHED = 200;

    @Inject
    @ConfigProperty(name = "circuit.breaker.webhooks.deliveries.file")
    Optional<String> location;

    @Inject
    @ConfigProperty(name = "circuit.breaker.state.file", defaultValue = "maintenance-status.json")
    String stateFile;

    private final Jsonb jsonb = JsonbBuilder.create();
    private final LinkedHashMap<String, Delivery> byId = new LinkedHashMap<>(); // in the order they were made
    private final Set<String> inFlight = new HashSet<>(); // receivers with a delivery out: none after a restart
    private Path path;
    private int lines;

    @PostConstruct
    void load() {
        path = JsonFile.besideStateFile(location, stateFile, "webhook-deliveries.jsonl");
        if (!Files.exists(path)) {
            return;
        }
        try {
            for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                lines++;
                try {
                    Delivery delivery = jsonb.fromJson(line, Delivery.class);
                    byId.put(delivery.id(), delivery);
                } catch (RuntimeException torn) {
                    LOG.log(Level.WARNING, "Skipped an unreadable line of {0} (a write cut short?)", path);
                }
            }
            trim();
        } catch (IOException e) {
            LOG.log(Level.ERROR, "Webhook deliveries in {0} cannot be read ({1}): none are resumed", path, e.toString());
        }
    }

    public synchronized void add(List<Delivery> fresh) throws IOException {
        append(fresh);
        fresh.forEach(d -> byId.put(d.id(), d));
    }

    /**
     * For each receiver with nothing in flight, its oldest pending delivery if it is due, now marked in flight until it
     * is {@link #settle settled}. Picked and marked under one lock, because the courier asks from its round, from each
     * retry's timer and from each completion at once: two of them must never take the same delivery, nor a receiver's
     * next one while the one ahead of it is still out.
     */
    public synchronized List<Delivery> take(long now) {
        List<Delivery> due = new ArrayList<>();
        Set<String> seen = new HashSet<>(inFlight);
        for (Delivery delivery : byId.values()) {
            if (delivery.pending() && seen.add(delivery.url()) && delivery.nextAttemptAt() <= now) {
                due.add(delivery);
                inFlight.add(delivery.url());
            }
        }
        return due;
    }

    /** The outcome of an attempt: journalled, and its receiver free for its next delivery in the same step. */
    public synchronized void settle(Delivery tried) {
        inFlight.remove(tried.url());
        byId.put(tried.id(), tried);
        trim();
        try {
            if (lines > 2 * byId.size() + 100) {
                compact();
            } else {
                append(List.of(tried));
            }
        } catch (IOException e) {
            LOG.log(Level.ERROR, "Could not write webhook delivery {0}: {1}; it may be sent once more after a restart",
                    tried.id(), e.toString());
        }
    }

    public synchronized long pending() {
        return byId.values().stream().filter(Delivery::pending).count();
    }

    /** The newest first. */
    public synchronized List<Delivery> recent(int count) {
        List<Delivery> all = new ArrayList<>(byId.values());
        List<Delivery> newest = new ArrayList<>(all.subList(Math.max(0, all.size() - count), all.size()));
        Collections.reverse(newest);
        return newest;
    }

    private void trim() {
        long finished = byId.values().stream().filter(d -> !d.pending()).count();
        var oldest = byId.values().iterator();
        while (finished > KEEP_FINISHED && oldest.hasNext()) {
            if (!oldest.next().pending()) {
                oldest.remove();
                finished--;
            }
        }
    }

    private void append(List<Delivery> deliveries) throws IOException {
        StringBuilder text = new StringBuilder();
        deliveries.forEach(d -> text.append(jsonb.toJson(d)).append('\n'));
        Files.createDirectories(path.getParent());
        Files.writeString(path, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        lines += deliveries.size();
    }

    private void compact() throws IOException {
        StringBuilder text = new StringBuilder();
        byId.values().forEach(d -> text.append(jsonb.toJson(d)).append('\n'));
        AtomicFile.write(path, text.toString().getBytes(StandardCharsets.UTF_8), false);
        lines = byId.size();
    }

    @PreDestroy
    void close() {
        JsonFile.closeQuietly(jsonb);
    }
}
