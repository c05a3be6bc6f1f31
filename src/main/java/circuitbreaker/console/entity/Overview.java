package circuitbreaker.console.entity;

import circuitbreaker.maintenance.entity.ScopeStatus;
import circuitbreaker.maintenance.entity.StateFileHealth;
import circuitbreaker.maintenance.entity.Status;
import circuitbreaker.platform.Build;
import circuitbreaker.schedule.entity.Listed;
import circuitbreaker.timeline.entity.HistoryAnswer;
import circuitbreaker.watch.entity.WatcherHealth;
import circuitbreaker.webhook.entity.WebhookSummary;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * Everything the console shows, at one instant, as the instance that answers sees it.
 *
 * @param instance the instance answering
 * @param build the release it runs
 * @param status the published state, with the countdown now
 * @param scopes every scope with what it covers and its status, most specific first, the site last
 * @param openSockets the visitors' pages waiting, here and across the fleet
 * @param stateFile where the state is kept and whether it can be saved (here, not in the public /health)
 * @param watcher the automatic breaker (disabled when no watch URL is configured), with its URL and last error
 * @param windows the planned windows with their next occurrences
 * @param changedBy who made the last change of each scope, by the scope's name (null where nobody was recorded)
 * @param timeline the most recent changes and finished maintenances
 * @param webhooks the receivers and the most recent deliveries
 */
@JsonbPropertyOrder({"instance", "build", "status", "scopes", "changedBy", "openSockets", "stateFile", "watcher",
        "windows", "timeline", "webhooks"})
public record Overview(String instance, Build build, Status status, List<ScopeStatus> scopes,
        Map<String, String> changedBy, OpenSocketCount openSockets,
        StateFileHealth stateFile, WatcherHealth watcher, List<Listed> windows, HistoryAnswer timeline,
        WebhookSummary webhooks) {
}
