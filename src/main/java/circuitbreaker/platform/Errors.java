package circuitbreaker.platform;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Every API error has one shape: {"success":false,"error":"..."}. */
public final class Errors {

    private Errors() {
    }

    public static Response json(int status, String error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new Refusal(error)).build();
    }
}
