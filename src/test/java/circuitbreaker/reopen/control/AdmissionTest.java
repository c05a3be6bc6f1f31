package circuitbreaker.reopen.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import circuitbreaker.maintenance.entity.Author;
import circuitbreaker.maintenance.entity.AdmissionMode;
import circuitbreaker.maintenance.entity.Cause;
import circuitbreaker.maintenance.entity.MaintenanceState;
import circuitbreaker.maintenance.entity.StatusUpdate;
import org.junit.jupiter.api.Test;

class AdmissionTest {

    static final long T = 1_800_000_000_000L;
    static final MaintenanceState REOPENING = new MaintenanceState(true, "m", "i", 0, null, 0, 1, "operator")
            .apply(new StatusUpdate(null, null, false, null), T, Author.operator("alice"), 30);

    final Admission here = new Admission();
    final Admission member = new Admission();
    final Admission stranger = new Admission();

    static String cookie(String value) {
        return "theme=dark; " + Admission.COOKIE + "=" + value;
    }

    @Test
    void anAdmissionPassesForTheReopeningItNamesWhileItGoesOn() {
        String admitted = cookie(here.value(T, T));
        assertTrue(here.admits(admitted, REOPENING, T + 1_000));
        assertFalse(here.admits(admitted, REOPENING, T + 30_000), "after its end the gate is open to all anyway");
        assertFalse(here.admits(cookie(here.value(T - 60_000, T)), REOPENING, T + 1_000), "one for another reopening");
        assertFalse(here.admits(null, REOPENING, T + 1_000));
    }

    @Test
    void everyMemberAcceptsAnotherMembersAdmissionButNoStrangersOrAForgedOne() {
        here.heard(member.key(), T);
        assertTrue(here.admits(cookie(member.value(T, T)), REOPENING, T + 1_000), "signed by a member of the fleet");
        assertFalse(here.admits(cookie(stranger.value(T, T)), REOPENING, T + 1_000), "signed outside the fleet");
        String forged = here.value(T, T);
        forged = forged.substring(0, forged.length() - 1) + (forged.endsWith("A") ? "B" : "A");
        assertFalse(here.admits(cookie(forged), REOPENING, T + 1_000));
        here.heard("not a key", T);
        here.heard(member.key(), T + Admission.KEEP_KEYS.toMillis() + 1);
        assertTrue(here.admits(cookie(member.value(T, T)), REOPENING, T + 1_000), "a key heard again is kept");
    }

    @Test
    void eachVisitorHoldsAValueOfItsOwnAndOneCannotBeMadeIntoAnother() {
        String first = here.value(T, T);
        String second = here.value(T, T);
        assertNotEquals(first, second, "two visitors of the same reopening");
        assertTrue(here.valid(first, REOPENING, T + 1_000) && here.valid(second, REOPENING, T + 1_000));
        String[] parts = first.split("\\.");
        String swapped = parts[0] + "." + parts[1] + "." + second.split("\\.")[2] + "." + parts[3];
        assertFalse(here.valid(swapped, REOPENING, T + 1_000), "one visitor's signature on another's turn");
        assertFalse(here.valid("garbage", REOPENING, T + 1_000));
        assertFalse(here.valid(T + ".", REOPENING, T + 1_000));
    }

    @Test
    void theCookieIsOutOfReachOfScriptsAndLastsPastTheReopening() {
        assertEquals(Admission.COOKIE + "=v; Path=/; Max-Age=630; HttpOnly; SameSite=Lax",
                Admission.cookie("v", 630, false));
        assertTrue(Admission.cookie("v", 630, true).endsWith("; Secure"));
    }

    @Test
    void inAdmissionModeAnAdmissionLastsWhileItsVisitorIsActive() {
        MaintenanceState waitingRoom = new MaintenanceState(false, "m", "i", 0, null, 0, 1, "operator")
                .withAdmission(new AdmissionMode(T + 7, 600, 300, "operator"), T, Author.operator("alice"));
        String value = here.value(T + 7, T + 1_000);
        assertTrue(here.valid(value, waitingRoom, T + 200_000), "used within the idle time");
        assertTrue(here.valid(value, waitingRoom, T + 450_000), "idle 250 s since its last request: still in");
        assertFalse(here.valid(value, waitingRoom, T + 760_000), "idle over 300 s: queue again");
        assertFalse(here.valid(here.value(T + 7, T + 1_000), REOPENING, T + 1_000), "not for a reopening");
        assertFalse(here.valid(here.value(T + 5, T + 1_000), waitingRoom, T + 2_000), "not for another waiting room");
    }

    @Test
    void aPageLetInByTheLastStepMayStillTradeItsAdmissionForItsCookie() {
        String last = here.value(T, T + 29_900);
        long after = T + 30_000 + 60_000; // the reopening of 30 s ended a minute ago; the site is open
        assertFalse(here.valid(last, REOPENING, after), "the gate is open to everyone anyway");
        assertTrue(here.tradable(last, REOPENING, after));
        assertFalse(here.tradable(last, REOPENING, T + 30_000 + 700_000), "not after the cookie's 10 minutes");
        assertFalse(here.tradable(stranger.value(T, T + 29_900), REOPENING, after), "signed outside the fleet");
        MaintenanceState closedAgain = REOPENING.apply(new StatusUpdate(null, null, true, null), after, Author.operator("alice"),
                30);
        assertFalse(here.tradable(last, closedAgain, after + 1), "maintenance on again");
    }
}
