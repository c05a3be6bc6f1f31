package circuitbreaker.gate.boundary;

import circuitbreaker.gate.control.Bypass;
import circuitbreaker.page.control.PageAnswer;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * /circuit-breaker-bypass/&lt;secret&gt;: the right secret gets the bypass cookie and goes on to the site's front page;
 * anything else gets the ordinary page, so nothing tells a guesser how close they came. The shipped fronts send this
 * path here, whatever the gate says.
 */
@WebServlet(Bypass.PATH + "*")
public class BypassServlet extends HttpServlet {

    @Inject
    Bypass bypass;

    @Inject
    PageAnswer page;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (bypass.isSecretPath(request.getRequestURI().substring(request.getContextPath().length()))) {
            BypassGrant.write(request, response, bypass);
        } else {
            page.write(request, response);
        }
    }
}
