package circuitbreaker.console.boundary;

import circuitbreaker.console.control.ConsoleAssets;
import circuitbreaker.platform.NoStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * /console: the operators' page. It holds no data: everything comes from the API once the operator has signed in,
 * with the token kept in the tab's sessionStorage and sent as a bearer header, never as a cookie.
 */
@Path("console")
@ApplicationScoped
public class ConsolePage {

    @Inject
    ConsoleAssets assets;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response console() {
        return Response.ok(assets.html(), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Content-Security-Policy", assets.contentSecurityPolicy())
                .header("X-Frame-Options", "DENY")
                .cacheControl(NoStore.cacheControl()).build();
    }
}
