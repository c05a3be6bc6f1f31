package circuitbreaker.it;

import static circuitbreaker.it.ServiceIT.API;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The gate's answers as each kind of front proxy reads them; GateIT runs the real proxies. */
abstract class GateChecks {

    static HttpResponse<String> gate(String query) {
        return API.get("/api/maintenance/gate" + query, "X-Forwarded-Uri", "/shop/cart?item=1");
    }

    static void keptByTheProxyUntilTheSecondEnds(HttpResponse<String> answer) {
        long second = System.currentTimeMillis() / 1000;
        long until = Long.parseLong(answer.headers().firstValue("X-Accel-Expires").orElseThrow().substring(1));
        assertTrue(until >= second - 1 && until <= second + 1, "to the end of this second: " + until);
        assertTrue(answer.headers().firstValue("Cache-Control").orElseThrow().contains("no-store"), "browsers: none");
    }

    @Test
    void eachProxyGetsTheAnswerItRoutesOn() {
        assertEquals(200, API.post("{\"isActive\":false}").statusCode());
        assertEquals(204, gate("").statusCode(), "forward-auth: open is a success");
        assertEquals(204, gate("?status=401").statusCode(), "auth_request: open is a success");
        HttpResponse<String> open = gate("?open=421");
        assertEquals(421, open.statusCode(), "a proxy that routes on it: open is that bare status");
        assertEquals("", open.body());
        keptByTheProxyUntilTheSecondEnds(open);

        assertEquals(200, API.post("{\"message\":\"Gate closed\",\"countdown\":600}").statusCode());
        for (String query : new String[] {"", "?open=421"}) {
            HttpResponse<String> closed = gate(query);
            assertEquals(503, closed.statusCode(), query);
            assertTrue(closed.body().contains("Gate closed"), "closed is the page itself: " + query);
            keptByTheProxyUntilTheSecondEnds(closed);
        }
        HttpResponse<String> bare = gate("?status=401");
        assertEquals(401, bare.statusCode());
        keptByTheProxyUntilTheSecondEnds(bare);
    }

    @Test
    void anUnknownVariantIsRefusedByName() {
        for (String query : new String[] {"?status=503", "?open=200", "?open=5xx", "?open=421&status=401"}) {
            HttpResponse<String> refused = gate(query);
            assertEquals(400, refused.statusCode(), query);
            String error = Api.json(refused).getString("error");
            assertTrue(error.contains(query.contains("status=5") ? "status" : "open"), query + ": " + error);
        }
    }
}
