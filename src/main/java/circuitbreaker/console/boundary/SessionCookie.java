package circuitbreaker.console.boundary;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.lang.System.Logger.Level;

/**
 * The console's session cookie (only a sign-in through OpenID Connect makes one) is SameSite=Lax: not sent with
 * another site's form posts or fetches, yet sent with the provider's redirect back, a top-level navigation. Set here,
 * not in web.xml, because WildFly's descriptor parser does not know Servlet 6's cookie attributes.
 */
@WebListener
public class SessionCookie implements ServletContextListener {

    private static final System.Logger LOG = System.getLogger(SessionCookie.class.getName());

    @Override
    public void contextInitialized(ServletContextEvent event) {
        try {
            event.getServletContext().getSessionCookieConfig().setAttribute("SameSite", "Lax");
        } catch (RuntimeException | LinkageError e) { // no Servlet 6 cookie attributes: the console's header still holds
            LOG.log(Level.WARNING, "The session cookie's SameSite could not be set: {0}", e.toString());
        }
    }
}
