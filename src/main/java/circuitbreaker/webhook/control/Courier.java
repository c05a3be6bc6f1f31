package circuitbreaker.webhook.control;

import circuitbreaker.platform.FailsAlone;
import circuitbreaker.platform.Faults;
import circuitbreaker.platform.Metrics;
import circuitbreaker.platform.PlainHttp;
import circuitbreaker.webhook.entity.Delivery;
import circuitbreaker.webhook.entity.Subscriber;
import circuitbreaker.webhook.entity.WebhookEvent;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Takes every {@link WebhookEvent} to the receivers that want it: each becomes a delivery, journalled before the change
 * is answered, then sent within a second from the platform's executors with the JDK's HTTP client, never on a
 * request's or the timer's thread. Per receiver one delivery at a time, in order; a 2xx ends it, anything else is tried
 * again with the same webhook-id, signed anew ({@link WebhookRequest}), after an exponential, jittered pause, for
 * {@link #GIVE_UP_HOURS} hours. A slow or dead receiver holds up only its own queue.
 */
@ApplicationScoped
public class Courier {

    private static final System.Logger LOG = System.getLogger(Courier.class.getName());
    static final long GIVE_UP_HOURS = 25;
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Inject
    WebhookSubscribers subscribers;

    @Inject
    Deliveries deliveries;

    @Inject
    Metrics metrics;

    @Inject
    WebhookBody bodies;

    @Inject
    Faults faults;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    ManagedExecutorService executor;

    /** The pause before the first retry; each next one doubles (jittered, at most an hour). Decimals allowed. */
    @Inject
    @ConfigProperty(name = "circuit.breaker.webhooks.retry.seconds", defaultValue = "5")
    double retrySeconds;

    private HttpClient client;
    private ScheduledFuture<?> rounds;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (!(retrySeconds >= 0.01)) {
            throw new IllegalStateException("CIRCUIT_BREAKER_WEBHOOKS_RETRY_SECONDS must be at least 0.01, not "
                    + retrySeconds);
        }
        client = PlainHttp.client(executor, TIMEOUT);
        metrics.gauge("circuitbreaker_webhooks_pending", deliveries::pending);
        rounds = scheduler.scheduleWithFixedDelay(sending(), 1, 1, TimeUnit.SECONDS);
    }

    /**
     * On the thread that made the change: the deliveries are journalled before it is answered, and the next round
     * (within a second) sends them. Handing them to an executor here would cost every update a task submission,
     * which on Payara captures the request's context: measured, a third more on the API's p99. A journal that cannot
     * be written (a full disk) loses these deliveries: a fault of this listener alone, counted and in /health.
     */
    @FailsAlone
    void notice(@Observes WebhookEvent notice) throws IOException {
        long now = System.currentTimeMillis();
        List<Delivery> fresh = new ArrayList<>();
        for (Subscriber subscriber : subscribers.current()) {
            if (subscriber.wants(notice.type())) {
                fresh.add(new Delivery("msg_" + UUID.randomUUID().toString().replace("-", ""), subscriber.url(),
                        notice.type(), now / 1000, Delivery.PENDING, 0, now, null, null, now,
                        bodies.of(subscriber, notice, now)));
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        deliveries.add(fresh);
    }

    /** A round of sending that no fault can cancel (a scheduler drops a task for good once it throws). */
    private Runnable sending() {
        return faults.guarded("Courier.sendDue", this::sendDue);
    }

    /** Sends each receiver's next due delivery. Runs from several threads at once: {@link Deliveries#take} says why. */
    void sendDue() {
        for (Delivery delivery : deliveries.take(System.currentTimeMillis())) {
            try {
                var subscriber = subscribers.forUrl(delivery.url());
                if (subscriber.isEmpty()) {
                    String why = "no longer in the webhooks file";
                    deliveries.settle(delivery.attempted(Delivery.FAILED, null, null, why));
                    continue;
                }
                long attempt = Instant.now().getEpochSecond();
                client.sendAsync(WebhookRequest.of(delivery, subscriber.get(), attempt, TIMEOUT),
                                HttpResponse.BodyHandlers.discarding())
                        .whenComplete((answer, error) -> finished(delivery, answer, error));
            } catch (RuntimeException | Error e) { // whatever it was, the receiver's mark is settled
                finished(delivery, null, e);
            }
        }
    }

    private void finished(Delivery delivery, HttpResponse<Void> answer, Throwable error) {
        long now = System.currentTimeMillis();
        Delivery tried = outcome(delivery, answer, error, now);
        deliveries.settle(tried);
        // On time, not on the next round: the retry at its moment, the receiver's next delivery at once.
        if (tried.pending()) {
            scheduler.schedule(sending(), tried.nextAttemptAt() - now, TimeUnit.MILLISECONDS);
        } else {
            executor.execute(sending());
        }
    }

    private Delivery outcome(Delivery delivery, HttpResponse<Void> answer, Throwable error, long now) {
        if (answer != null && answer.statusCode() / 100 == 2) {
            metrics.count("circuitbreaker_webhooks", "outcome", "delivered");
            return delivery.attempted(Delivery.DELIVERED, null, answer.statusCode(), null);
        }
        Integer status = answer == null ? null : answer.statusCode();
        String why = answer != null ? "HTTP " + answer.statusCode() : String.valueOf(error);
        if (now - delivery.createdAt() > TimeUnit.HOURS.toMillis(GIVE_UP_HOURS)) {
            metrics.count("circuitbreaker_webhooks", "outcome", "failed");
            LOG.log(Level.WARNING, "Gave up webhook {0} to {1} after {2} hours: {3}", delivery.id(), delivery.url(),
                    GIVE_UP_HOURS, why);
            return delivery.attempted(Delivery.FAILED, null, status, why);
        }
        return delivery.attempted(Delivery.PENDING, now + pause(delivery.attempts() + 1), status, why);
    }

    /** Doubles from CIRCUIT_BREAKER_WEBHOOKS_RETRY_SECONDS, at most an hour, each 75-100 % of that: always growing. */
    long pause(int attempt) {
        double seconds = Math.min(3600, Math.scalb(retrySeconds, attempt - 1));
        return (long) (seconds * 1000 * (0.75 + 0.25 * ThreadLocalRandom.current().nextDouble()));
    }

    @PreDestroy
    void stop() {
        if (rounds != null) {
            rounds.cancel(false);
        }
    }
}
