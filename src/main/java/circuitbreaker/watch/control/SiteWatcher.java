package circuitbreaker.watch.control;

import circuitbreaker.fleet.Fleet;
import circuitbreaker.maintenance.control.MaintenanceStore;
import circuitbreaker.maintenance.control.ScopeBook;
import circuitbreaker.maintenance.entity.Author;
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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The automatic breaker: probes the site's health URL and each scope's watchUrl with the JDK's HTTP client. Failures in
 * a row open that scope's maintenance (cause "watcher", no promised end); successes in a row close what it opened. In a
 * cluster one member watches (see {@link Fleet#leads()}), so one outage is one trip.
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

    @Inject
    ScopeBook scopes;

    private Probe site;
    private HttpClient client;
    private final List<ScheduledFuture<?>> probes = new ArrayList<>();
    private volatile boolean watching;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        List<Probe> watched = new ArrayList<>();
        if (settings.enabled()) {
            site = new Probe(Scope.SITE, settings.url(), settings);
            metrics.gauge("circuitbreaker_watcher_failures_in_row", site.breaker::failuresInRow);
            watched.add(site);
        }
        scopes.all().stream().filter(s -> s.watchUrl() != null)
                .forEach(s -> watched.add(new Probe(s.name(), URI.create(s.watchUrl()), settings)));
        if (!watched.isEmpty()) {
            client = PlainHttp.client(executor, Duration.ofSeconds(settings.timeout()));
        }
        for (Probe probe : watched) {
            probes.add(scheduler.scheduleWithFixedDelay(faults.guarded("SiteWatcher.probe", () -> probe(probe)),
                    settings.interval(), settings.interval(), TimeUnit.SECONDS));
            LOG.log(Level.INFO, "Watching {0} for {1} every {2} s: {3} failures in a row open maintenance, {4} "
                    + "successes close it", probe.url, probe.scope, settings.interval(), settings.failures(),
                    settings.successes());
        }
    }

    void probe(Probe probe) {
        watching = fleet.leads();
        if (!watching) {
            return;
        }
        long began = System.nanoTime();
        String error = check(probe.url);
        probe.lastCheck = System.currentTimeMillis();
        probe.lastError = error;
        try {
            switch (probe.breaker.record(error == null, store.current(probe.scope))) {
                case TRIP -> trip(probe, error);
                case RECOVER -> recover(probe);
                case NONE -> { }
            }
            if (probe == site) {
                crowd.probed(error != null, (System.nanoTime() - began) / 1_000_000, probe.lastCheck);
            }
        } catch (IOException e) {
            LOG.log(Level.ERROR, "The breaker could not save its change; it tries again on the next probe: {0}",
                    e.toString());
        }
    }

    /** Null when the site answered in time with anything but a 5xx; otherwise what went wrong. */
    private String check(URI url) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(settings.timeout()))
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

    private void trip(Probe probe, String error) throws IOException {
        StatusUpdate open = new StatusUpdate(message.filter(m -> !m.isBlank()).orElse(PageText.english(
                PageText.WATCHER_MESSAGE)), PageText.english(PageText.WATCHER_ISSUE), true,
                new StatusUpdate.End(null));
        if (store.applyIf(probe.scope, state -> !state.isActive(), open, Author.WATCHER).isPresent()) {
            metrics.count("circuitbreaker_breaker_moves", "move", "tripped");
            LOG.log(Level.WARNING, "Breaker tripped: {0} failed {1} times in a row (last: {2}); maintenance of {3} is "
                    + "on", probe.url, settings.failures(), error, probe.scope);
        }
    }

    private void recover(Probe probe) throws IOException {
        StatusUpdate close = new StatusUpdate(null, null, false, null);
        if (store.applyIf(probe.scope, state -> state.openedBy(Author.WATCHER), close, Author.WATCHER).isPresent()) {
            metrics.count("circuitbreaker_breaker_moves", "move", "recovered");
            LOG.log(Level.INFO, "Breaker recovered: {0} answered {1} times in a row; maintenance of {2} is off",
                    probe.url, settings.successes(), probe.scope);
        }
    }

    /** The whole site's watcher. */
    public WatcherHealth health() {
        if (site == null) {
            return new WatcherHealth(false, null, false, "closed", 0, 0, null, null);
        }
        return new WatcherHealth(true, site.url.toString(), watching,
                store.current().openedBy(Author.WATCHER) ? "open" : "closed", site.breaker.failuresInRow(),
                site.breaker.successesInRow(), site.lastCheck, site.lastError);
    }

    @PreDestroy
    void stop() {
        probes.forEach(probe -> probe.cancel(false));
    }
}
