package circuitbreaker.cluster.entity;

import circuitbreaker.maintenance.entity.MaintenanceState;
import java.io.Serializable;

/**
 * What an instance tells the others, on every update and every few seconds: who it is and what it holds.
 *
 * @param asking true while the sender has just started and waits to hear the fleet: every member answers it
 */
public record Announcement(String instance, MaintenanceState state, boolean asking) implements Serializable {
}
