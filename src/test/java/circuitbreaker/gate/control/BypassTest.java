package circuitbreaker.gate.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class BypassTest {

    static final String SECRET = "let-me-in-0123456789";
    static final long NOW = 1_800_000_000_000L;

    final Bypass bypass = new Bypass(Optional.of(SECRET), Optional.empty(), 3600);

    static String value(String setCookie) {
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    @Test
    void onlyTheExactSecretPathGrants() {
        assertTrue(bypass.isSecretPath("/circuit-breaker-bypass/" + SECRET));
        assertFalse(bypass.isSecretPath("/circuit-breaker-bypass/" + SECRET + "x"));
        assertFalse(bypass.isSecretPath("/circuit-breaker-bypass/"));
        assertFalse(bypass.isSecretPath("/" + SECRET));
        assertFalse(new Bypass(Optional.empty(), Optional.empty(), 3600).isSecretPath("/circuit-breaker-bypass/"));
    }

    @Test
    void itsCookieAdmitsUntilItExpiresOnAnyInstanceWithTheSameSecret() {
        String cookie = bypass.cookie(NOW, true);
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("Secure") && cookie.contains("Max-Age=3600"), cookie);
        String header = "other=1; " + value(cookie);
        assertTrue(bypass.admits(header, NOW + 1000));
        assertTrue(new Bypass(Optional.of(SECRET), Optional.empty(), 60).admits(header, NOW), "another instance");
        assertFalse(bypass.admits(header, NOW + 3_600_000), "expired");
        assertFalse(new Bypass(Optional.of(SECRET + "2"), Optional.empty(), 3600).admits(header, NOW),
                "another secret");
    }

    @Test
    void forgedOrTamperedCookiesAreRefused() {
        String value = value(bypass.cookie(NOW, false));
        String expires = value.substring(value.indexOf('=') + 1, value.indexOf('.'));
        String later = Long.toString(Long.parseLong(expires) + 86_400);
        assertFalse(bypass.admits(value.replace(expires + ".", later + "."), NOW), "a later expiry, same signature");
        assertFalse(bypass.admits(value.substring(0, value.length() - 2) + "AA", NOW));
        assertFalse(bypass.admits("circuit_breaker_bypass=99999999999.abc", NOW));
        assertFalse(bypass.admits("circuit_breaker_bypass=", NOW));
        assertFalse(bypass.admits(null, NOW));
    }

    @Test
    void aWeakOrUnreadableSecretStopsTheStart() {
        assertThrows(IllegalStateException.class, () -> new Bypass(Optional.of("short"), Optional.empty(), 60));
        assertThrows(IllegalStateException.class,
                () -> new Bypass(Optional.of("has spaces in it, sixteen+"), Optional.empty(), 60));
        assertThrows(IllegalStateException.class,
                () -> new Bypass(Optional.empty(), Optional.of("/nonexistent/secret"), 60));
    }
}
