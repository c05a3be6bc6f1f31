package circuitbreaker.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProxyCacheTest {

    @Test
    void aFrontsBoundIsWholeSecondsFromNoneToADay() {
        assertEquals(120, ProxyCache.keepClosed("120"));
        assertEquals(0, ProxyCache.keepClosed("0"));
        assertEquals(86_400, ProxyCache.keepClosed("86400"));
    }

    @Test
    void anythingElseAsksForNoBound() {
        for (String header : new String[] {null, "", "86401", "999999", "1234567", "-1", "2m", "1e3", " 120", "12.5"}) {
            assertEquals(-1, ProxyCache.keepClosed(header), String.valueOf(header));
        }
    }
}
