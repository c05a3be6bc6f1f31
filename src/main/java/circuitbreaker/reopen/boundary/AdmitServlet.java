package circuitbreaker.reopen.boundary;

import circuitbreaker.maintenance.control.MaintenanceStore;
import circuitbreaker.maintenance.entity.AdmissionMode;
import circuitbreaker.maintenance.entity.MaintenanceState;
import circuitbreaker.platform.Errors;
import circuitbreaker.platform.Https;
import circuitbreaker.reopen.control.Admission;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * POST /circuit-breaker/admit: a waiting page hands in the admission its socket gave it on its turn and gets it back
 * as an HttpOnly cookie, which no script on the site can read or copy. The body is the value alone (text/plain). A
 * value that is not an admission to the line going on (a reopening, or admission mode) gets 400 and no cookie.
 */
@WebServlet("/circuit-breaker/admit")
public class AdmitServlet extends HttpServlet {

    /** An admission is under 100 characters; anything much longer is not one. */
    static final int MAX_BODY = 512;

    @Inject
    Admission admission;

    @Inject
    MaintenanceStore store;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
        String value = new String(body, StandardCharsets.US_ASCII).strip();
        MaintenanceState state = store.current();
        long now = store.now();
        response.setHeader("Cache-Control", "no-store");
        if (body.length > MAX_BODY || !admission.tradable(value, state, now)) {
            Errors.write(response, HttpServletResponse.SC_BAD_REQUEST, "not an admission to the line going on");
            return;
        }
        // A reopening's admission is worth nothing after it; admission mode's lasts while its visitor is active.
        long maxAge = state.admittingAt(now) ? AdmissionMode.MAX_IDLE_SECONDS
                : (state.reopening().until() - now) / 1000 + 600;
        response.addHeader("Set-Cookie", Admission.cookie(value, maxAge, Https.used(request)));
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }
}
