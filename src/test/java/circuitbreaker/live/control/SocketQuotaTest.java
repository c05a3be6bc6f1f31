package circuitbreaker.live.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import circuitbreaker.platform.Metrics;
import jakarta.websocket.CloseReason;
import org.junit.jupiter.api.Test;

class SocketQuotaTest {

    @Test
    void oneAddressGetsItsShareAndNoMore() {
        SocketQuota quota = new SocketQuota(10, 2, new Metrics());
        assertNull(quota.take("a1", "192.0.2.1"));
        assertNull(quota.take("a2", "192.0.2.1"));
        CloseReason refused = quota.take("a3", "192.0.2.1");
        assertNotNull(refused);
        assertEquals(1013, refused.getCloseCode().getCode());
        assertTrue(refused.getReasonPhrase().contains("from your address (at most 2)"), refused.getReasonPhrase());
        assertNull(quota.take("b1", "2001:db8::1"), "another address has its own share");
        quota.release("a1");
        assertNull(quota.take("a4", "192.0.2.1"), "a place given back can be taken again");
    }

    @Test
    void loopbackAndUnknownClientsCountOnlyInTheInstancesTotal() {
        SocketQuota quota = new SocketQuota(4, 1, new Metrics());
        assertNull(quota.take("l1", "127.0.0.1"), "behind a front on the same host, every visitor is loopback");
        assertNull(quota.take("l2", "127.0.0.1"));
        assertNull(quota.take("l3", "::1"));
        assertNull(quota.take("u1", null));
        CloseReason refused = quota.take("l4", "127.0.0.1");
        assertNotNull(refused, "but the instance's total holds for them too");
        assertTrue(refused.getReasonPhrase().contains("here (at most 4)"), refused.getReasonPhrase());
    }

    @Test
    void aSocketThatWasRefusedGivesNothingBack() {
        SocketQuota quota = new SocketQuota(1, 1, new Metrics());
        assertNull(quota.take("s1", "192.0.2.1"));
        assertNotNull(quota.take("s2", "192.0.2.2"));
        quota.release("s2"); // its close is reported like any other
        assertNotNull(quota.take("s3", "192.0.2.3"), "s1 still holds the only place");
        quota.release("s1");
        quota.release("s1");
        assertNull(quota.take("s4", "192.0.2.4"));
        assertNotNull(quota.take("s5", "192.0.2.5"), "released twice, counted once");
    }
}
