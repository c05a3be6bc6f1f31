package circuitbreaker.watch.control;

import circuitbreaker.fleet.Fleet;
import circuitbreaker.maintenance.control.MaintenanceStore;
import circuitbreaker.maintenance.entity.Cause;
import circuitbreaker.maintenance.entity.Scope;
import circuitbreaker.maintenance.entity.StatusUpdate;
import circuitbreaker.page.control.PageText;
import circuitbreaker.platform.Faults;
import circuitbreaker.platform.Metrics;
import circuitbreaker.platform.PlainHttp;
import circuitbreaker.watch.entity.WatcherHealth;
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
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The automatic breaker: probes the main site's health URL on the platform's scheduled executor with the JDK's HTTP
 * client. Failures in a row open maintenance (cause "watcher", no promised end); successes in a row close what it
 * opened. In a cluster one member watches (see {@link Fleet#leads()}), so one outage is one trip.
 */
@ApplicationScoped
public class SiteWatcher {

    private static final System.Logger LOG = System.getLogger(SiteWatcher.class.getName());

    @Inject
    WatchSettings settings;

    @Inject
    MaintenanceStore store;

    @Inject
    Fleet fleet;

    @Inject
    Metrics metrics;

    @Inject
    Faults faults;

    @Inject
    CrowdWatch crowd;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    ManagedExecutorService executor;

    /** What visitors read after a trip; unset: the page's own words, in the visitor's language. */
    @Inject
    @ConfigProperty(name = "circuit.breaker.watch.message")
    Optional<String> message;

    private Breaker breaker;
    private HttpClient client;
    private ScheduledFuture<?> probes;
    private volatile boolean watching;
    private volatile Long lastCheck;
    private volatile String lastError;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (!settings.enabled()) {
            return;
        }
        breaker = new Breaker(settings.failures(), settings.successes());
        client = PlainHttp.client(executor, Duration.ofSeconds(settings.timeout()));
        metrics.gauge("circuitbreaker_watcher_failures_in_row", breaker::failuresInRow);
        probes = scheduler.scheduleWithFixedDelay(faults.guarded("SiteWatcher.probe", this::probe), settings.interval(),
                settings.interval(), TimeUnit.SECONDS);
        LOG.log(Level.INFO, "Watching {0} every {1} s: {2} failures in a row open maintenance, {3} successes close it",
                settings.url(), settings.interval(), settings.failures(), settings.successes());
    }

    void probe() {
        watching = fleet.leads();
        if (!watching) {
            return;
        }
        long began = System.nanoTime();
        String error = check();
        lastCheck = System.currentTimeMillis();
        lastError = error;
        try {
            switch (breaker.record(error == null, store.current())) {
                case TRIP -> trip(error);
                case RECOVER -> recover();
                case NONE -> { }
            }
            crowd.probed(error != null, (System.nanoTime() - began) / 1_000_000, lastCheck);
        } catch (IOException e) {
            LOG.log(Level.ERROR, "The breaker could not save its change; it tries again on the next probe: {0}",
                    e.toString());
        }
    }

    /** Null when the site answered in time with anything but a 5xx; otherwise what went wrong. */
    private String check() {
        HttpRequest request = HttpRequest.newBuilder(settings.url()).timeout(Duration.ofSeconds(settings.timeout()))
                .header("User-Agent", "circuit-breaker-watcher").GET().build();
        try {
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 500 ? "HTTP " + status : null;
        } catch (HttpTimeoutException e) {
            return "no answer within " + settings.timeout() + " s";
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private void trip(String error) throws IOException {
        StatusUpdate open = new StatusUpdate(message.filter(m -> !m.isBlank()).orElse(PageText.english(
                PageText.WATCHER_MESSAGE)), PageText.english(PageText.WATCHER_ISSUE), true,
                new StatusUpdate.End(null));
        if (store.applyIf(Scope.SITE, state -> !state.isActive(), open, Cause.WATCHER).isPresent()) {
            metrics.count("circuitbreaker_breaker_moves", "move", "tripped");
            LOG.log(Level.WARNING, "Breaker tripped: {0} failed {1} times in a row (last: {2}); maintenance is on",
                    settings.url(), settings.failures(), error);
        }
    }

    private void recover() throws IOException {
        StatusUpdate close = new StatusUpdate(null, null, false, null);
        if (store.applyIf(Scope.SITE, state -> state.openedBy(Cause.WATCHER), close, Cause.WATCHER).isPresent()) {
            metrics.count("circuitbreaker_breaker_moves", "move", "recovered");
            LOG.log(Level.INFO, "Breaker recovered: {0} answered {1} times in a row; maintenance is off",
                    settings.url(), settings.successes());
        }
    }

    public WatcherHealth health() {
        if (!settings.enabled()) {
            return new WatcherHealth(false, null, false, "closed", 0, 0, null, null);
        }
        return new WatcherHealth(true, settings.url().toString(), watching,
                store.current().openedBy(Cause.WATCHER) ? "open" : "closed", breaker.failuresInRow(),
                breaker.successesInRow(), lastCheck, lastError);
    }

    @PreDestroy
    void stop() {
        if (probes != null) {
            probes.cancel(false);
        }
    }
}
