package circuitbreaker.console.boundary;

import circuitbreaker.access.OpenIdSettings;
import circuitbreaker.platform.Errors;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * Signing in to the console through the company's OpenID Connect provider, where one is configured: GET
 * /console/sign-in sends the person to the provider, which sends them back here (the mechanism takes its answer
 * before this servlet runs), and then on to the console. POST /console/sign-out ends the console's session (the
 * mechanism then sends the browser back to the console).
 */
@WebServlet({ConsoleSignIn.SIGN_IN, ConsoleSignIn.SIGN_OUT})
public class ConsoleSignIn extends HttpServlet {

    public static final String SIGN_IN = "/console/sign-in";
    public static final String SIGN_OUT = "/console/sign-out";

    @Inject
    Instance<OpenIdSettings> openId;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException,
            ServletException {
        if (!openId.isResolvable()) {
            Errors.write(response, 404, "signing in through OpenID Connect is not configured: sign in with a token");
            return;
        }
        response.setHeader("Cache-Control", "no-store");
        if (request.getUserPrincipal() != null || request.authenticate(response)) {
            if (request.getSession(false) != null) {
                request.changeSessionId(); // signed in now: a session id known before is worth nothing
            }
            response.sendRedirect(request.getContextPath() + "/console");
        } // else the mechanism has sent the person to the provider
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException,
            ServletException {
        if (!request.getServletPath().equals(SIGN_OUT)) {
            response.sendError(405);
            return;
        }
        request.logout();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        response.setStatus(204);
    }
}
