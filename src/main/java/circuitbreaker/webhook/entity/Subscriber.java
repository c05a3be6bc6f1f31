package circuitbreaker.webhook.entity;

import java.util.Set;

/**
 * One receiver from CIRCUIT_BREAKER_WEBHOOKS_FILE.
 *
 * @param events the event types it wants; empty: all of them
 * @param format "standard" (Standard Webhooks JSON) or "slack" (a chat message: {"text": ...})
 */
public record Subscriber(String url, String secret, Set<String> events, String format) {

    public boolean wants(String type) {
        return events.isEmpty() || events.contains(type);
    }
}
