package circuitbreaker.gate.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpenPathsTest {

    final OpenPaths open = new OpenPaths(Optional.of("/.well-known/acme-challenge/, /status/"));

    @Test
    void configuredPrefixesPass() {
        assertTrue(open.matches("/.well-known/acme-challenge/token123"));
        assertTrue(open.matches("/status/?format=json"));
        assertTrue(open.matches("/%2Ewell-known/acme-challenge/x"), "decoded before comparing");
        assertFalse(open.matches("/status"));
        assertFalse(open.matches("/"));
    }

    @Test
    void tricksNeverPass() {
        assertFalse(open.matches("/.well-known/acme-challenge/../admin"));
        assertFalse(open.matches("/.well-known/acme-challenge/%2E%2E/admin"));
        assertFalse(open.matches("/status/..\\admin"));
        assertFalse(open.matches("/status//x"));
        assertFalse(open.matches("/status/%zz"));
    }

    @Test
    void aPrefixThatIsNotAPathStopsTheStart() {
        assertThrows(IllegalStateException.class, () -> new OpenPaths(Optional.of("status/")));
        assertThrows(IllegalStateException.class, () -> new OpenPaths(Optional.of("/a/../b")));
    }
}
