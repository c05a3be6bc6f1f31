package circuitbreaker.cluster.entity;

import circuitbreaker.maintenance.entity.MaintenanceState;
import circuitbreaker.schedule.entity.WindowBook;
import java.io.Serializable;

/**
 * What an instance tells the others, on every update and every few seconds: who it is and what it holds (the state
 * and the windows, each versioned: the newer wins), and how many open sockets (visitors' pages) it serves.
 *
 * @param asking true while the sender has just started and waits to hear the fleet: every member answers it
 * @param openSockets the sender's open sockets when it spoke
 */
public record Announcement(String instance, MaintenanceState state, WindowBook windows, boolean asking,
        int openSockets)
        implements Serializable {
}
