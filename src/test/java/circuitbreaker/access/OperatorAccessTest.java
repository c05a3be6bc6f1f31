package circuitbreaker.access;

import static circuitbreaker.access.OperatorAccess.Decision.ALLOWED;
import static circuitbreaker.access.OperatorAccess.Decision.FORBIDDEN;
import static circuitbreaker.access.OperatorAccess.Decision.UNAUTHORIZED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatorAccessTest {

    @TempDir
    Path folder;

    @Test
    void withoutATokenOnlyLoopbackMayWrite() {
        OperatorAccess access = new OperatorAccess(Optional.empty(), Optional.empty());
        assertEquals(ALLOWED, access.decide(null, "127.0.0.1", false));
        assertEquals(ALLOWED, access.decide(null, "127.0.0.2", false));
        assertEquals(ALLOWED, access.decide(null, "0:0:0:0:0:0:0:1", false));
        assertEquals(ALLOWED, access.decide(null, "::ffff:127.0.0.1", false));
        assertEquals(FORBIDDEN, access.decide(null, "192.0.2.10", false));
        assertEquals(FORBIDDEN, access.decide(null, "2001:db8::1", false));
        assertEquals(FORBIDDEN, access.decide(null, "localhost", false), "names are never resolved");
        assertEquals(FORBIDDEN, access.decide(null, "", false));
    }

    @Test
    void aRequestThatCameThroughAProxyIsNeverALoopbackClient() {
        OperatorAccess access = new OperatorAccess(Optional.empty(), Optional.empty());
        assertEquals(FORBIDDEN, access.decide(null, "127.0.0.1", true), "a front on the same host connects from loopback");
        assertEquals(FORBIDDEN, access.decide(null, "::1", true));
        OperatorAccess withToken = new OperatorAccess(Optional.of("s3cret"), Optional.empty());
        assertEquals(ALLOWED, withToken.decide("Bearer s3cret", "127.0.0.1", true), "the token works from anywhere");
    }

    @Test
    void withATokenEveryoneNeedsIt() {
        OperatorAccess access = new OperatorAccess(Optional.of("s3cret"), Optional.empty());
        assertEquals(ALLOWED, access.decide("Bearer s3cret", "192.0.2.10", false));
        assertEquals(ALLOWED, access.decide("bearer s3cret", "192.0.2.10", false));
        assertEquals(UNAUTHORIZED, access.decide(null, "127.0.0.1", false), "loopback is no excuse once a token is set");
        assertEquals(UNAUTHORIZED, access.decide("Bearer s3cret2", "127.0.0.1", false));
        assertEquals(UNAUTHORIZED, access.decide("Bearer ", "127.0.0.1", false));
        assertEquals(UNAUTHORIZED, access.decide("s3cret", "127.0.0.1", false));
    }

    @Test
    void theTokenFileIsReadAndTrimmed() throws Exception {
        Path file = Files.writeString(folder.resolve("token"), "from-file\n");
        OperatorAccess access = new OperatorAccess(Optional.empty(), Optional.of(file.toString()));
        assertEquals(ALLOWED, access.decide("Bearer from-file", "192.0.2.10", false));
        assertEquals(UNAUTHORIZED, access.decide(null, "127.0.0.1", false));
    }

    @Test
    void anUnreadableOrEmptyTokenFileLocksWritesInsteadOfOpeningThem() throws Exception {
        OperatorAccess missing = new OperatorAccess(Optional.empty(), Optional.of(folder.resolve("nope").toString()));
        assertEquals(UNAUTHORIZED, missing.decide(null, "127.0.0.1", false));
        Path empty = Files.writeString(folder.resolve("empty"), "\n");
        OperatorAccess blank = new OperatorAccess(Optional.empty(), Optional.of(empty.toString()));
        assertEquals(UNAUTHORIZED, blank.decide("Bearer ", "127.0.0.1", false));
    }
}
