package circuitbreaker.reopen.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * A waiting visitor's turn: the cookie its page sets before it goes to the site, which the gate lets through for the
 * rest of the reopening, on every instance of the fleet.
 */
@JsonbPropertyOrder({"cookie", "value", "until"})
public record Admitted(String cookie, String value, long until) {
}
