package circuitbreaker.gate.control;

import static circuitbreaker.gate.control.Gate.Decision.CLOSED;
import static circuitbreaker.gate.control.Gate.Decision.GRANT_BYPASS;
import static circuitbreaker.gate.control.Gate.Decision.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;

import circuitbreaker.maintenance.control.MaintenanceStore;
import circuitbreaker.maintenance.control.ScopeBook;
import circuitbreaker.maintenance.control.StateFile;
import circuitbreaker.maintenance.entity.Author;
import circuitbreaker.maintenance.entity.Cause;
import circuitbreaker.maintenance.entity.Scope;
import circuitbreaker.maintenance.entity.StatusUpdate;
import circuitbreaker.platform.RecordingEvent;
import circuitbreaker.platform.SteppedClock;
import circuitbreaker.reopen.control.Admission;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateTest {

    static final String SECRET = "deploy-check-0123456789";
    static final long T = 1_800_000_000_000L;

    @TempDir
    Path folder;

    final SteppedClock clock = new SteppedClock(T);
    final Gate gate = new Gate();
    MaintenanceStore store;

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(folder.resolve("scopes.json"), "[{\"name\": \"shop\", \"hosts\": [\"shop.test\"]},"
                + " {\"name\": \"checkout\", \"hosts\": [\"shop.test\"], \"paths\": [\"/checkout/\"]}]");
        ScopeBook scopes = new ScopeBook(Optional.empty(), folder.resolve("state.json").toString());
        store = new MaintenanceStore(new StateFile(folder.resolve("state.json").toString()), scopes,
                new RecordingEvent<>(), clock, 0);
        gate.store = store;
        gate.scopes = scopes;
        gate.bypass = new Bypass(Optional.of(SECRET), Optional.empty(), 60);
        gate.openPaths = new OpenPaths(Optional.of("/.well-known/acme-challenge/"));
        gate.admission = new Admission();
    }

    @Test
    void openWhileNothingIsOnClosedWhileMaintenanceIs() throws Exception {
        assertEquals(OPEN, gate.decide("/shop?item=1", null, false), "a first start is off");
        store.apply(Scope.SITE, new StatusUpdate("Upgrading", null, true, null), "alice");
        assertEquals(CLOSED, gate.decide("/shop?item=1", null, false));
        assertEquals(CLOSED, gate.decide(null, null, false), "no URI: the site's front page");
    }

    @Test
    void anAlwaysOpenPathAndAValidBypassCookiePassAClosedGateAndAnExpiredCookieDoesNot() throws Exception {
        store.apply(Scope.SITE, new StatusUpdate("Upgrading", null, true, null), "alice");
        assertEquals(OPEN, gate.decide("/.well-known/acme-challenge/token", null, false));
        assertEquals(CLOSED, gate.decide("/.well-known/acme-challenge/../admin", null, false));
        String cookie = gate.bypass.cookie(clock.millis(), false);
        String pair = cookie.substring(0, cookie.indexOf(';'));
        assertEquals(OPEN, gate.decide("/admin", "theme=dark; " + pair, false));
        clock.advance(Duration.ofSeconds(61));
        assertEquals(CLOSED, gate.decide("/admin", pair, false), "the cookie expired");
        assertEquals(GRANT_BYPASS, gate.decide(Bypass.PATH + SECRET, null, false));
        assertEquals(CLOSED, gate.decide(Bypass.PATH + SECRET + "x", null, false));
    }

    @Test
    void duringTheReopeningOnlyThoseLetInPassAndFromItsEndEveryone() throws Exception {
        store.apply(Scope.SITE, new StatusUpdate("Upgrading", null, true, null), "alice");
        store.applyIf(Scope.SITE, state -> true, new StatusUpdate(null, null, false, null, 20L), Author.operator("alice"));
        long from = store.current().reopening().from();
        assertEquals(CLOSED, gate.decide("/shop", null, true), "not let in yet: the page");
        String admitted = Admission.COOKIE + "=" + gate.admission.value(from, from);
        assertEquals(OPEN, gate.decide("/shop", admitted, true));
        assertEquals(OPEN, gate.decide("/.well-known/acme-challenge/t", null, false), "always-open paths stay open");
        clock.advance(Duration.ofSeconds(20));
        assertEquals(OPEN, gate.decide("/shop", null, true), "everyone is in by its end");
    }

    @Test
    void anAnswerSharedByEveryPathIsTheAnswerForTheFrontPage() throws Exception {
        store.apply(Scope.SITE, new StatusUpdate("Upgrading", null, true, null), "alice");
        assertEquals(CLOSED, gate.decide("/.well-known/acme-challenge/token", null, true),
                "a front that shares the answer must not keep an always-open path's answer for everyone");
        assertEquals(CLOSED, gate.decide(Bypass.PATH + SECRET, null, true), "nor hand the bypass to everyone");
        store.apply(Scope.SITE, new StatusUpdate(null, null, false, null), "alice");
        assertEquals(OPEN, gate.decide("/anything", null, true));
    }

    @Test
    void aClosedScopeClosesOnlyWhatItCoversWithTheMostSpecificPage() throws Exception {
        store.apply("checkout", new StatusUpdate("Payments move", null, true, null), "alice");
        assertEquals(new Gate.Verdict(CLOSED, "checkout"), gate.decide("shop.test", "/checkout/pay", null, false));
        assertEquals(new Gate.Verdict(OPEN, "site"), gate.decide("shop.test", "/cart", null, false));
        assertEquals(new Gate.Verdict(OPEN, "site"), gate.decide("blog.test", "/checkout/pay", null, false));
        String cookie = gate.bypass.cookie(clock.millis(), false);
        assertEquals(OPEN, gate.decide("shop.test", "/checkout/pay", cookie.substring(0, cookie.indexOf(';')), false)
                .decision(), "the bypass passes every scope");
        assertEquals(CLOSED, gate.decide("shop.test", "/checkout/pay", "circuit_breaker_bypass=1.x", false).decision());
        store.apply("shop", new StatusUpdate(null, null, true, null), "alice");
        assertEquals(new Gate.Verdict(CLOSED, "shop"), gate.decide("shop.test", "/", null, true));
        assertEquals(new Gate.Verdict(CLOSED, "checkout"), gate.decide("shop.test", "/checkout/", null, false));
        store.apply(Scope.SITE, new StatusUpdate(null, null, true, null), "alice");
        assertEquals(new Gate.Verdict(CLOSED, "site"), gate.decide("blog.test", "/", null, true));
        assertEquals(new Gate.Verdict(CLOSED, "checkout"), gate.decide("shop.test", "/checkout/", null, false),
                "the most specific closed scope's page, the site's closed too");
        store.apply("checkout", new StatusUpdate(null, null, false, null), "alice");
        assertEquals(new Gate.Verdict(CLOSED, "shop"), gate.decide("shop.test", "/checkout/", null, false));
        assertEquals(new Gate.Verdict(OPEN, "site"), gate.decide("shop.test", "/.well-known/acme-challenge/t", null,
                false), "always-open paths stay open in every scope");
    }
}
