package circuitbreaker.reopen.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * A waiting visitor's turn: its own admission, which its page hands to {@code POST /circuit-breaker/admit} to get it
 * back as an HttpOnly cookie, which the gate lets through for the rest of the reopening, on every instance of the fleet.
 *
 * @param value this visitor's admission
 * @param until when the reopening ends (epoch ms), after which nobody needs one
 */
@JsonbPropertyOrder({"value", "until"})
public record Admitted(String value, long until) {
}
