package circuitbreaker.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import circuitbreaker.platform.RecordingEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatorAccessTest {

    static final String LOCAL = "127.0.0.1:6970";
    static final String ALLOWED = "default";
    static final String LOOPBACK = "loopback";
    static final String UNAUTHORIZED = "401";
    static final String FORBIDDEN = "403";
    static final String ALICE = "alice-token-0123456789";
    static final String VIEWER = "viewer-token-0123456789";

    @TempDir
    Path folder;

    OperatorAccess access(Optional<String> token, Optional<String> tokenFile) {
        return new OperatorAccess(token, tokenFile, new Operators(Optional.of(folder.resolve("operators.json")
                .toString()), "unused"));
    }

    /** Who the request is from (its name), or the refusal's status. */
    static String decide(OperatorAccess access, String authorization, String address, String host, boolean proxied) {
        Identity identity = access.identify(authorization, address, host, proxied);
        return identity.known() ? identity.caller().name() : Integer.toString(identity.status());
    }

    static String operators(String... entries) {
        return "{\"version\": 3, \"operators\": [" + String.join(",", entries) + "]}";
    }

    static String operator(String name, String role, String scopes, String token) {
        String hash = Operators.sha256(token);
        return "{\"name\": \"" + name + "\", \"role\": \"" + role + "\", \"scopes\": " + scopes
                + ", \"tokens\": [{\"id\": \"" + hash.substring(0, 8) + "\", \"sha256\": \"" + hash
                + "\", \"created\": 1}]}";
    }

    @Test
    void namedOperatorsAreKnownByTheirTokensBesideTheDefaultOne() throws Exception {
        Files.writeString(folder.resolve("operators.json"), operators(operator("alice", "operator", "[\"shop\"]",
                ALICE), operator("dashboard", "viewer", "[]", VIEWER)));
        OperatorAccess access = access(Optional.of("s3cret"), Optional.empty());
        Identity alice = access.identify("Bearer " + ALICE, "192.0.2.10", LOCAL, true);
        assertEquals("alice", alice.caller().name());
        assertEquals(null, alice.caller().refusalToChange("shop"));
        assertEquals("'alice' may change only shop, not 'site'", alice.caller().refusalToChange("site"));
        Identity viewer = access.identify("Bearer " + VIEWER, "192.0.2.10", LOCAL, true);
        assertEquals("'dashboard' is a viewer: it may read but not change anything",
                viewer.caller().refusalToChange("shop"));
        assertEquals(ALLOWED, decide(access, "Bearer s3cret", "192.0.2.10", LOCAL, false));
        assertEquals(UNAUTHORIZED, decide(access, "Bearer " + ALICE + "x", "127.0.0.1", LOCAL, false));
    }

    @Test
    void namedOperatorsEndLoopbackTrustEvenWithoutTheDefaultToken() throws Exception {
        Files.writeString(folder.resolve("operators.json"), operators(operator("alice", "operator", "[]", ALICE)));
        OperatorAccess access = access(Optional.empty(), Optional.empty());
        assertEquals(UNAUTHORIZED, decide(access, null, "127.0.0.1", LOCAL, false));
        assertEquals("alice", decide(access, "Bearer " + ALICE, "127.0.0.1", LOCAL, false));
    }

    @Test
    void aNameWithoutTokensStillEndsLoopbackTrustAndNoRequestMatchesAnEmptyToken() throws Exception {
        Files.writeString(folder.resolve("operators.json"), "{\"version\": 4, \"operators\": [{\"name\": \"alice\", "
                + "\"role\": \"operator\", \"tokens\": []}]}");
        OperatorAccess access = access(Optional.empty(), Optional.empty());
        assertEquals(UNAUTHORIZED, decide(access, null, "127.0.0.1", LOCAL, false), "alice is named: tokens only");
        assertEquals(UNAUTHORIZED, decide(access, "Bearer ", "127.0.0.1", LOCAL, false));
        Files.writeString(folder.resolve("operators.json"), operators(operator("alice", "operator", "[]", "")));
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> access(Optional.empty(),
                Optional.empty()));
        assertEquals(true, refused.getMessage().contains("is the hash of an empty token"), refused.getMessage());
    }

    @Test
    void twoBooksChangedApartToOneVersionConflictAndNeitherWins() throws Exception {
        OperatorBook alice = OperatorsFile.parse(operators(operator("alice", "operator", "[]", ALICE)));
        OperatorBook bob = OperatorsFile.parse(operators(operator("bob", "operator", "[]", VIEWER)));
        assertEquals(false, alice.isNewerThan(bob));
        assertEquals(false, bob.isNewerThan(alice));
        assertEquals(true, alice.conflictsWith(bob));
        assertEquals(false, alice.conflictsWith(alice));
        Operators followed = new Operators(Optional.of(folder.resolve("none.json").toString()), "unused");
        followed.changed = new RecordingEvent<>();
        assertEquals(true, followed.adopt(alice, "alpha"));
        assertEquals(false, followed.adopt(bob, "beta"), "a tie keeps what is followed");
        assertEquals(true, followed.holderOf(Operators.sha256(ALICE)).isPresent());
        assertEquals(true, followed.holderOf(Operators.sha256(VIEWER)).isEmpty());
    }

    @Test
    void anOperatorsFileWithAMistakeIsRefusedWholeWithEveryProblemNamed() throws Exception {
        Files.writeString(folder.resolve("operators.json"), operators(operator("alice", "admin", "[\"Shop\"]", ALICE),
                operator("default", "viewer", "[]", VIEWER), operator("bob", "viewer", "[]", VIEWER)));
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> access(Optional.empty(),
                Optional.empty()));
        String message = refused.getMessage();
        for (String problem : new String[] {"alice: role must be viewer or operator, not 'admin'",
                "alice: 'Shop' is not a scope's name", "'default' is a reserved name", "token " + Operators.sha256(
                VIEWER).substring(0, 8) + " is listed twice"}) {
            assertEquals(true, message.contains(problem), problem + " in " + message);
        }
        Files.writeString(folder.resolve("operators.json"), "{\"operators\": ");
        assertThrows(IllegalStateException.class, () -> access(Optional.empty(), Optional.empty()));
    }

    @Test
    void withoutATokenLoopbackMustAlsoAskForALoopbackHost() {
        OperatorAccess access = access(Optional.empty(), Optional.empty());
        for (String host : new String[] {"127.0.0.1", "127.0.0.1:6970", "localhost:6970", "LOCALHOST", "[::1]:6970",
                "[::1]"}) {
            assertEquals(LOOPBACK, decide(access, null, "127.0.0.1", host, false), host);
        }
        for (String host : new String[] {"rebind.example", "rebind.example:6970", "127.0.0.1.rebind.example",
                "192.0.2.10:6970", "[2001:db8::1]:6970", "", "[::1"}) {
            assertEquals(FORBIDDEN, decide(access, null, "127.0.0.1", host, false), host);
        }
        assertEquals(FORBIDDEN, decide(access, null, "127.0.0.1", null, false), "no Host: no proof it was meant for us");
        OperatorAccess withToken = access(Optional.of("s3cret"), Optional.empty());
        assertEquals(ALLOWED, decide(withToken, "Bearer s3cret", "127.0.0.1", "rebind.example", false),
                "the token works whatever the host");
    }

    @Test
    void withoutATokenOnlyLoopbackMayWrite() {
        OperatorAccess access = access(Optional.empty(), Optional.empty());
        assertEquals(LOOPBACK, decide(access, null, "127.0.0.1", LOCAL, false));
        assertEquals(LOOPBACK, decide(access, null, "127.0.0.2", LOCAL, false));
        assertEquals(LOOPBACK, decide(access, null, "0:0:0:0:0:0:0:1", LOCAL, false));
        assertEquals(LOOPBACK, decide(access, null, "::ffff:127.0.0.1", LOCAL, false));
        assertEquals(FORBIDDEN, decide(access, null, "192.0.2.10", LOCAL, false));
        assertEquals(FORBIDDEN, decide(access, null, "2001:db8::1", LOCAL, false));
        assertEquals(FORBIDDEN, decide(access, null, "localhost", LOCAL, false), "names are never resolved");
        assertEquals(FORBIDDEN, decide(access, null, "", LOCAL, false));
    }

    @Test
    void aRequestThatCameThroughAProxyIsNeverALoopbackClient() {
        OperatorAccess access = access(Optional.empty(), Optional.empty());
        assertEquals(FORBIDDEN, decide(access, null, "127.0.0.1", LOCAL, true), "a front on the same host connects from loopback");
        assertEquals(FORBIDDEN, decide(access, null, "::1", LOCAL, true));
        OperatorAccess withToken = access(Optional.of("s3cret"), Optional.empty());
        assertEquals(ALLOWED, decide(withToken, "Bearer s3cret", "127.0.0.1", LOCAL, true), "the token works from anywhere");
    }

    @Test
    void withATokenEveryoneNeedsIt() {
        OperatorAccess access = access(Optional.of("s3cret"), Optional.empty());
        assertEquals(ALLOWED, decide(access, "Bearer s3cret", "192.0.2.10", LOCAL, false));
        assertEquals(ALLOWED, decide(access, "bearer s3cret", "192.0.2.10", LOCAL, false));
        assertEquals(UNAUTHORIZED, decide(access, null, "127.0.0.1", LOCAL, false), "loopback is no excuse once a token is set");
        assertEquals(UNAUTHORIZED, decide(access, "Bearer s3cret2", "127.0.0.1", LOCAL, false));
        assertEquals(UNAUTHORIZED, decide(access, "Bearer ", "127.0.0.1", LOCAL, false));
        assertEquals(UNAUTHORIZED, decide(access, "s3cret", "127.0.0.1", LOCAL, false));
    }

    @Test
    void theTokenFileIsReadAndTrimmed() throws Exception {
        Path file = Files.writeString(folder.resolve("token"), "from-file\n");
        OperatorAccess access = access(Optional.empty(), Optional.of(file.toString()));
        assertEquals(ALLOWED, decide(access, "Bearer from-file", "192.0.2.10", LOCAL, false));
        assertEquals(UNAUTHORIZED, decide(access, null, "127.0.0.1", LOCAL, false));
    }

    @Test
    void anUnreadableOrEmptyTokenFileLocksWritesInsteadOfOpeningThem() throws Exception {
        OperatorAccess missing = access(Optional.empty(), Optional.of(folder.resolve("nope").toString()));
        assertEquals(UNAUTHORIZED, decide(missing, null, "127.0.0.1", LOCAL, false));
        Path empty = Files.writeString(folder.resolve("empty"), "\n");
        OperatorAccess blank = access(Optional.empty(), Optional.of(empty.toString()));
        assertEquals(UNAUTHORIZED, decide(blank, "Bearer ", "127.0.0.1", LOCAL, false));
    }
}
