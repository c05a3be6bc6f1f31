package circuitbreaker.platform;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Every API error has one shape: {"success":false,"error":"..."}. */
public final class Errors {

    private Errors() {
    }

    public static Response json(int status, String error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new Refusal(error)).build();
    }

    /** The same shape from a plain servlet; {@code error} is the breaker's own words, with nothing to escape. */
    public static void write(HttpServletResponse response, int status, String error) throws IOException {
        byte[] body = ("{\"success\":false,\"error\":\"" + error + "\"}").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
