package circuitbreaker.platform;

import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;

/** JAX-RS's own refusals (404, 405, 415...) in the API's JSON error shape instead of an HTML page. */
@Provider
public class WebErrorMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        String error = e instanceof NotSupportedException
                ? "Content-Type must be application/json"
                : original.getStatusInfo().getReasonPhrase().toLowerCase(Locale.ROOT);
        Response.ResponseBuilder json = Response.fromResponse(Errors.json(original.getStatus(), error));
        String allow = original.getHeaderString(HttpHeaders.ALLOW);
        return (allow == null ? json : json.header(HttpHeaders.ALLOW, allow)).build();
    }
}
