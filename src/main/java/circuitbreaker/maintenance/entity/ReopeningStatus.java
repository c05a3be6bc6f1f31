package circuitbreaker.maintenance.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The reopening as clients see it: its span, and the visitors let in and still waiting. While it goes on, the counts
 * are this instance's; once it has ended, admitted is the fleet's.
 */
@JsonbPropertyOrder({"from", "until", "admitted", "waiting"})
public record ReopeningStatus(long from, long until, long admitted, long waiting) {
}
