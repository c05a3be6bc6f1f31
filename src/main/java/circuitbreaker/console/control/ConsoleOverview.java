package circuitbreaker.console.control;

import circuitbreaker.cluster.control.ClusterLink;
import circuitbreaker.console.entity.Overview;
import circuitbreaker.console.entity.Visitors;
import circuitbreaker.maintenance.control.MaintenanceStore;
import circuitbreaker.schedule.control.Windows;
import circuitbreaker.timeline.control.Timeline;
import circuitbreaker.watch.control.SiteWatcher;
import circuitbreaker.webhook.control.WebhookReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/** Gathers what the console shows from the parts that own it; nothing here keeps state of its own. */
@ApplicationScoped
public class ConsoleOverview {

    /** As many as fit on a phone's screen: the full lists stay one API call away. */
    static final int RECENT = 10;
    static final int NEXT_OCCURRENCES = 3;

    @Inject
    MaintenanceStore store;

    @Inject
    ClusterLink cluster;

    @Inject
    SiteWatcher watcher;

    @Inject
    Windows windows;

    @Inject
    Timeline timeline;

    @Inject
    WebhookReport webhooks;

    public Overview now() {
        Map<String, Integer> byInstance = cluster.visitorsSeen();
        Visitors visitors = new Visitors(byInstance.get(cluster.instance()),
                byInstance.values().stream().mapToInt(Integer::intValue).sum(), byInstance);
        return new Overview(cluster.instance(), store.status(), visitors, watcher.health(),
                windows.list(NEXT_OCCURRENCES), timeline.answer(RECENT), webhooks.overview(RECENT));
    }
}
