package circuitbreaker.reopen.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class TurnsTest {

    @Test
    void turnsAreSpreadEvenlyAndComeDueInOrder() {
        Turns turns = new Turns();
        for (String id : new String[] {"a", "b", "c", "d"}) {
            turns.add(id, 0);
        }
        assertEquals(4, turns.spread(1_000, 5_000));
        assertEquals(2_000, turns.get(0).at());
        assertEquals(5_000, turns.get(3).at());
        assertEquals(0, turns.dueBy(1_999));
        assertEquals(2, turns.dueBy(3_000));
        assertEquals(4, turns.dueBy(9_000));
    }

    @Test
    void theLineForgetsThoseLetInAndThoseGoneAndKeepsWhoWasTold() {
        Turns turns = new Turns();
        for (String id : new String[] {"in-1", "in-2", "gone", "told", "waits", "gone-too", "new"}) {
            turns.add(id, 0);
        }
        turns.next = 2;  // in-1 and in-2 were let in
        turns.told = 5;  // gone, told and waits were told their place
        turns.keepOnly(Set.of("told", "waits", "new")::contains);
        assertEquals(3, turns.size());
        assertEquals(3, turns.waiting());
        assertEquals(0, turns.next);
        assertEquals(2, turns.told, "told and waits were told; new was not");
        assertEquals("told", turns.get(0).sessionId());
        assertEquals("new", turns.get(2).sessionId());
    }
}
