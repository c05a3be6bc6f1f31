package circuitbreaker.schedule.boundary;

import circuitbreaker.schedule.control.Windows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * /api/maintenance/upcoming: the next windows, for the main site's banner, and /api/maintenance/banner.js, the banner.
 * Public, read-only, open to every origin (they say only what visitors will read anyway), and cacheable. The same two
 * are under the breaker's own prefix, /circuit-breaker/, which the shipped front proxies pass to visitors.
 */
@Path("/")
@ApplicationScoped
public class UpcomingResource {

    static final int COUNT = 5;
    static final String BANNER = read("/circuitbreaker/schedule/banner.js");

    @Inject
    Windows windows;

    public record Coming(java.util.List<circuitbreaker.schedule.entity.Upcoming> upcoming) {
    }

    @GET
    @Path("api/maintenance/upcoming")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The next maintenance windows (CORS: any origin; cacheable for 60 s)")
    public Response upcoming() {
        CacheControl minute = new CacheControl();
        minute.setMaxAge(60);
        minute.setPrivate(false);
        return Response.ok(new Coming(windows.upcoming(COUNT))).cacheControl(minute)
                .header("Access-Control-Allow-Origin", "*").build();
    }

    /** The main site's banner: one script tag, no dependencies (src/main/resources/circuitbreaker/schedule). */
    @GET
    @Path("api/maintenance/banner.js")
    @Produces("text/javascript")
    public Response banner() {
        CacheControl hour = new CacheControl();
        hour.setMaxAge(3600);
        hour.setPrivate(false);
        return Response.ok(BANNER).cacheControl(hour).header("Access-Control-Allow-Origin", "*").build();
    }

    /** What the banner reads through the site's front: the same answer under the public prefix. */
    @GET
    @Path("circuit-breaker/upcoming")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Response publicUpcoming() {
        return upcoming();
    }

    @GET
    @Path("circuit-breaker/banner.js")
    @Produces("text/javascript")
    @Operation(hidden = true)
    public Response publicBanner() {
        return banner();
    }

    private static String read(String name) {
        try (InputStream in = UpcomingResource.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
