package circuitbreaker.maintenance.control;

import static circuitbreaker.maintenance.control.WriteAccess.Decision.ALLOWED;
import static circuitbreaker.maintenance.control.WriteAccess.Decision.FORBIDDEN;
import static circuitbreaker.maintenance.control.WriteAccess.Decision.UNAUTHORIZED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteAccessTest {

    @TempDir
    Path folder;

    @Test
    void withoutATokenOnlyLoopbackMayWrite() {
        WriteAccess access = new WriteAccess(Optional.empty(), Optional.empty());
        assertEquals(ALLOWED, access.decide(null, "127.0.0.1"));
        assertEquals(ALLOWED, access.decide(null, "127.0.0.2"));
        assertEquals(ALLOWED, access.decide(null, "0:0:0:0:0:0:0:1"));
        assertEquals(ALLOWED, access.decide(null, "::ffff:127.0.0.1"));
        assertEquals(FORBIDDEN, access.decide(null, "192.0.2.10"));
        assertEquals(FORBIDDEN, access.decide(null, "2001:db8::1"));
        assertEquals(FORBIDDEN, access.decide(null, "localhost"), "names are never resolved");
        assertEquals(FORBIDDEN, access.decide(null, ""));
    }

    @Test
    void withATokenEveryoneNeedsIt() {
        WriteAccess access = new WriteAccess(Optional.of("s3cret"), Optional.empty());
        assertEquals(ALLOWED, access.decide("Bearer s3cret", "192.0.2.10"));
        assertEquals(ALLOWED, access.decide("bearer s3cret", "192.0.2.10"));
        assertEquals(UNAUTHORIZED, access.decide(null, "127.0.0.1"), "loopback is no excuse once a token is set");
        assertEquals(UNAUTHORIZED, access.decide("Bearer s3cret2", "127.0.0.1"));
        assertEquals(UNAUTHORIZED, access.decide("Bearer ", "127.0.0.1"));
        assertEquals(UNAUTHORIZED, access.decide("s3cret", "127.0.0.1"));
    }

    @Test
    void theTokenFileIsReadAndTrimmed() throws Exception {
        Path file = Files.writeString(folder.resolve("token"), "from-file\n");
        WriteAccess access = new WriteAccess(Optional.empty(), Optional.of(file.toString()));
        assertEquals(ALLOWED, access.decide("Bearer from-file", "192.0.2.10"));
        assertEquals(UNAUTHORIZED, access.decide(null, "127.0.0.1"));
    }

    @Test
    void anUnreadableOrEmptyTokenFileLocksWritesInsteadOfOpeningThem() throws Exception {
        WriteAccess missing = new WriteAccess(Optional.empty(), Optional.of(folder.resolve("nope").toString()));
        assertEquals(UNAUTHORIZED, missing.decide(null, "127.0.0.1"));
        Path empty = Files.writeString(folder.resolve("empty"), "\n");
        WriteAccess blank = new WriteAccess(Optional.empty(), Optional.of(empty.toString()));
        assertEquals(UNAUTHORIZED, blank.decide("Bearer ", "127.0.0.1"));
    }
}
