package circuitbreaker.console.entity;

import circuitbreaker.maintenance.entity.Status;
import circuitbreaker.schedule.entity.Listed;
import circuitbreaker.timeline.entity.HistoryAnswer;
import circuitbreaker.watch.entity.WatcherHealth;
import circuitbreaker.webhook.control.WebhookReport;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/**
 * Everything the console shows, at one instant, as the instance that answers sees it.
 *
 * @param instance the instance answering
 * @param status the published state, with the countdown now
 * @param visitors open visitor pages, here and across the fleet
 * @param watcher the automatic breaker (disabled when no watch URL is configured)
 * @param windows the planned windows with their next occurrences
 * @param timeline the most recent changes and finished maintenances
 * @param webhooks the receivers and the most recent deliveries
 */
@JsonbPropertyOrder({"instance", "status", "visitors", "watcher", "windows", "timeline", "webhooks"})
public record Overview(String instance, Status status, Visitors visitors, WatcherHealth watcher, List<Listed> windows,
        HistoryAnswer timeline, WebhookReport.Overview webhooks) {
}
