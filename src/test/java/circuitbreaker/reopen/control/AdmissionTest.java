package circuitbreaker.reopen.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import circuitbreaker.maintenance.entity.Cause;
import circuitbreaker.maintenance.entity.MaintenanceState;
import circuitbreaker.maintenance.entity.StatusUpdate;
import org.junit.jupiter.api.Test;

class AdmissionTest {

    static final long T = 1_800_000_000_000L;
    static final MaintenanceState REOPENING = new MaintenanceState(true, "m", "i", 0, null, 0, 1, "operator")
            .apply(new StatusUpdate(null, null, false, null), T, Cause.OPERATOR, 30);

    final Admission here = new Admission();
    final Admission member = new Admission();
    final Admission stranger = new Admission();

    static String cookie(String value) {
        return "theme=dark; " + Admission.COOKIE + "=" + value;
    }

    @Test
    void anAdmissionPassesForTheReopeningItNamesWhileItGoesOn() {
        String admitted = cookie(here.value(T));
        assertTrue(here.admits(admitted, REOPENING, T + 1_000));
        assertFalse(here.admits(admitted, REOPENING, T + 30_000), "after its end the gate is open to all anyway");
        assertFalse(here.admits(cookie(here.value(T - 60_000)), REOPENING, T + 1_000), "one for another reopening");
        assertFalse(here.admits(null, REOPENING, T + 1_000));
    }

    @Test
    void everyMemberAcceptsAnotherMembersAdmissionButNoStrangersOrAForgedOne() {
        here.heard(member.key(), T);
        assertTrue(here.admits(cookie(member.value(T)), REOPENING, T + 1_000), "signed by a member of the fleet");
        assertFalse(here.admits(cookie(stranger.value(T)), REOPENING, T + 1_000), "signed outside the fleet");
        String forged = here.value(T);
        forged = forged.substring(0, forged.length() - 1) + (forged.endsWith("A") ? "B" : "A");
        assertFalse(here.admits(cookie(forged), REOPENING, T + 1_000));
        here.heard("not a key", T);
        here.heard(member.key(), T + Admission.KEEP_KEYS.toMillis() + 1);
        assertTrue(here.admits(cookie(member.value(T)), REOPENING, T + 1_000), "a key heard again is kept");
    }

    @Test
    void eachVisitorHoldsAValueOfItsOwnAndOneCannotBeMadeIntoAnother() {
        String first = here.value(T);
        String second = here.value(T);
        assertNotEquals(first, second, "two visitors of the same reopening");
        assertTrue(here.valid(first, REOPENING, T + 1_000) && here.valid(second, REOPENING, T + 1_000));
        String[] parts = first.split("\\.");
        String swapped = parts[0] + "." + second.split("\\.")[1] + "." + parts[2];
        assertFalse(here.valid(swapped, REOPENING, T + 1_000), "one visitor's signature on another's turn");
        assertFalse(here.valid("garbage", REOPENING, T + 1_000));
        assertFalse(here.valid(T + ".", REOPENING, T + 1_000));
    }

    @Test
    void theCookieIsOutOfReachOfScriptsAndLastsPastTheReopening() {
        assertEquals(Admission.COOKIE + "=v; Path=/; Max-Age=630; HttpOnly; SameSite=Lax",
                Admission.cookie("v", T + 30_000, T, false));
        assertTrue(Admission.cookie("v", T + 30_000, T, true).endsWith("; Secure"));
    }
}
