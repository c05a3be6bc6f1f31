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

    static final String LOCAL = "127.0.0.1:6970";

    @TempDir
    Path folder;

    @Test
    void withoutATokenLoopbackMustAlsoAskForALoopbackHost() {
        OperatorAccess access = new OperatorAccess(Optional.empty(), Optional.empty());
        for (String host : new String[] {"127.0.0.1", "127.0.0.1:6970", "localhost:6970", "LOCALHOST", "[::1]:6970",
                "[::1]"}) {
            assertEquals(ALLOWED, access.decide(null, "127.0.0.1", host, false), host);
        }
        for (String host : new String[] {"rebind.example", "rebind.example:6970", "127.0.0.1.rebind.example",
                "192.0.2.10:6970", "[2001:db8::1]:6970", "", "[::1"}) {
            assertEquals(FORBIDDEN, access.decide(null, "127.0.0.1", host, false), host);
        }
        assertEquals(FORBIDDEN, access.decide(null, "127.0.0.1", null, false), "no Host: no proof it was meant for us");
        OperatorAccess withToken = new OperatorAccess(Optional.of("s3cret"), Optional.empty());
        assertEquals(ALLOWED, withToken.decide("Bearer s3cret", "127.0.0.1", "rebind.example", false),
                "the token works whatever the host");
    }

    @Test
    void withoutATokenOnlyLoopbackMayWrite() {
        OperatorAccess access = new OperatorAccess(Optional.empty(), Optional.empty());
        assertEquals(ALLOWED, access.decide(null, "127.0.0.1", LOCAL, false));
        assertEquals(ALLOWED, access.decide(null, "127.0.0.2", LOCAL, false));
        assertEquals(ALLOWED, access.decide(null, "0:0:0:0:0:0:0:1", LOCAL, false));
        assertEquals(ALLOWED, access.decide(null, "::ffff:127.0.0.1", LOCAL, false));
        assertEquals(FORBIDDEN, access.decide(null, "192.0.2.10", LOCAL, false));
        assertEquals(FORBIDDEN, access.decide(null, "2001:db8::1", LOCAL, false));
        assertEquals(FORBIDDEN, access.decide(null, "localhost", LOCAL, false), "names are never resolved");
        assertEquals(FORBIDDEN, access.decide(null, "", LOCAL, false));
    }

    @Test
    void aRequestThatCameThroughAProxyIsNeverALoopbackClient() {
        OperatorAccess access = new OperatorAccess(Optional.empty(), Optional.empty());
        assertEquals(FORBIDDEN, access.decide(null, "127.0.0.1", LOCAL, true), "a front on the same host connects from loopback");
        assertEquals(FORBIDDEN, access.decide(null, "::1", LOCAL, true));
        OperatorAccess withToken = new OperatorAccess(Optional.of("s3cret"), Optional.empty());
        assertEquals(ALLOWED, withToken.decide("Bearer s3cret", "127.0.0.1", LOCAL, true), "the token works from anywhere");
    }

    @Test
    void withATokenEveryoneNeedsIt() {
        OperatorAccess access = new OperatorAccess(Optional.of("s3cret"), Optional.empty());
        assertEquals(ALLOWED, access.decide("Bearer s3cret", "192.0.2.10", LOCAL, false));
        assertEquals(ALLOWED, access.decide("bearer s3cret", "192.0.2.10", LOCAL, false));
        assertEquals(UNAUTHORIZED, access.decide(null, "127.0.0.1", LOCAL, false), "loopback is no excuse once a token is set");
        assertEquals(UNAUTHORIZED, access.decide("Bearer s3cret2", "127.0.0.1", LOCAL, false));
        assertEquals(UNAUTHORIZED, access.decide("Bearer ", "127.0.0.1", LOCAL, false));
        assertEquals(UNAUTHORIZED, access.decide("s3cret", "127.0.0.1", LOCAL, false));
    }

    @Test
    void theTokenFileIsReadAndTrimmed() throws Exception {
        Path file = Files.writeString(folder.resolve("token"), "from-file\n");
        OperatorAccess access = new OperatorAccess(Optional.empty(), Optional.of(file.toString()));
        assertEquals(ALLOWED, access.decide("Bearer from-file", "192.0.2.10", LOCAL, false));
        assertEquals(UNAUTHORIZED, access.decide(null, "127.0.0.1", LOCAL, false));
    }

    @Test
    void anUnreadableOrEmptyTokenFileLocksWritesInsteadOfOpeningThem() throws Exception {
        OperatorAccess missing = new OperatorAccess(Optional.empty(), Optional.of(folder.resolve("nope").toString()));
        assertEquals(UNAUTHORIZED, missing.decide(null, "127.0.0.1", LOCAL, false));
        Path empty = Files.writeString(folder.resolve("empty"), "\n");
        OperatorAccess blank = new OperatorAccess(Optional.empty(), Optional.of(empty.toString()));
        assertEquals(UNAUTHORIZED, blank.decide("Bearer ", "127.0.0.1", LOCAL, false));
    }
}
