package circuitbreaker.maintenance.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** The answer to an accepted write, in the original service's shape: {"success":true,"state":{...}}. */
@JsonbPropertyOrder({"success", "state"})
public record Accepted(boolean success, Status state) {

    public Accepted(Status state) {
        this(true, state);
    }
}
