package circuitbreaker.maintenance.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * What /health says about the state file.
 *
 * @param movedAside where a corrupt file found at start-up was moved, or null
 * @param lastError why the last save failed, or null once a save succeeds
 */
@JsonbPropertyOrder({"path", "writable", "movedAside", "lastError"})
public record StateFileHealth(String path, boolean writable, String movedAside, String lastError) {
}
