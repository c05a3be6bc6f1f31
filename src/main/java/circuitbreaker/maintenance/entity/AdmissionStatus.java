package circuitbreaker.maintenance.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * Admission mode as clients see it: its settings, and this instance's visitors let in and still waiting since it
 * began.
 */
@JsonbPropertyOrder({"active", "since", "perMinute", "idleSeconds", "by", "admitted", "waiting"})
public record AdmissionStatus(boolean active, long since, int perMinute, long idleSeconds, String by, long admitted,
        long waiting) {
}
