package circuitbreaker.console.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.Map;

/**
 * Open sockets: the visitors' pages waiting, one WebSocket session each.
 *
 * @param here on the instance answering, counted now
 * @param fleet on every member heard from recently (without a cluster: the same as here)
 * @param byInstance per member; the others as they last announced, at most a few seconds ago
 */
@JsonbPropertyOrder({"here", "fleet", "byInstance"})
public record OpenSocketCount(int here, int fleet, Map<String, Integer> byInstance) {
}
