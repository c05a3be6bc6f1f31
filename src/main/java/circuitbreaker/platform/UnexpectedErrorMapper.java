package circuitbreaker.platform;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.lang.System.Logger.Level;

/** A bug must still answer in the API's JSON shape, and leave its stack trace in the log, not in the answer. */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<RuntimeException> {

    private static final System.Logger LOG = System.getLogger(UnexpectedErrorMapper.class.getName());

    @Override
    public Response toResponse(RuntimeException e) {
        LOG.log(Level.ERROR, "Unexpected failure while answering an API request", e);
        return Errors.json(500, "internal error; the details are in the service log");
    }
}
