package circuitbreaker.platform;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** Every API error: {"success":false,"error":"<what is wrong, naming the field>"}. */
@JsonbPropertyOrder({"success", "error"})
public record Refusal(boolean success, String error) {

    public Refusal(String error) {
        this(false, error);
    }
}
