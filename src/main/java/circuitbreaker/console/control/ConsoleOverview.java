package circuitbreaker.console.control;

import circuitbreaker.console.entity.OpenSocketCount;
import circuitbreaker.console.entity.Overview;
import circuitbreaker.fleet.Fleet;
import circuitbreaker.live.control.OpenSockets;
import circuitbreaker.maintenance.control.MaintenanceStore;
import circuitbreaker.maintenance.control.ScopeBook;
import circuitbreaker.maintenance.control.StateFile;
import circuitbreaker.maintenance.entity.Scope;
import circuitbreaker.maintenance.entity.ScopeStatus;
import circuitbreaker.platform.Build;
import circuitbreaker.schedule.control.Windows;
import circuitbreaker.timeline.control.Timeline;
import circuitbreaker.watch.control.SiteWatcher;
import circuitbreaker.webhook.control.WebhookReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Gathers what the console shows from the parts that own it; nothing here keeps state of its own. */
@ApplicationScoped
public class ConsoleOverview {

    /** As many as fit on a phone's screen: the full lists stay one API call away. */
    static final int RECENT = 10;
    static final int NEXT_OCCURRENCES = 3;

    @Inject
    MaintenanceStore store;

    @Inject
    StateFile stateFile;

    @Inject
    ScopeBook scopes;

    @Inject
    Fleet fleet;

    @Inject
    OpenSockets sockets;

    @Inject
    SiteWatcher watcher;

    @Inject
    Windows windows;

    @Inject
    Timeline timeline;

    @Inject
    WebhookReport webhooks;

    public Overview now() {
        int here = sockets.count();
        Map<String, Integer> byInstance = fleet.openSocketsSeen(here);
        OpenSocketCount open = new OpenSocketCount(here, byInstance.values().stream().mapToInt(Integer::intValue).sum(),
                byInstance);
        List<ScopeStatus> every = ScopeStatus.every(scopes.all(), store::status);
        Map<String, String> changedBy = new TreeMap<>();
        store.all().forEach((scope, state) -> changedBy.put(scope, state.by()));
        return new Overview(fleet.instance(), Build.CURRENT, store.status(), every, changedBy, open, stateFile.health(),
                watcher.health(), windows.list(NEXT_OCCURRENCES), timeline.answer(Scope.SITE, RECENT),
                webhooks.summary(RECENT));
    }
}
