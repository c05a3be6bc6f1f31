package circuitbreaker.cluster.entity;

import circuitbreaker.maintenance.entity.MaintenanceState;
import java.io.Serializable;

/** What an instance tells the others, on every update and every few seconds: who it is and what it holds. */
public record Announcement(String instance, MaintenanceState state) implements Serializable {
}
