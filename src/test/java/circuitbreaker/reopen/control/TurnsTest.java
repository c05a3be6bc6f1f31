package circuitbreaker.reopen.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class TurnsTest {

    @Test
    void theLineForgetsThoseLetInAndThoseGoneAndKeepsWhoWasTold() {
        Turns turns = new Turns();
        for (String id : new String[] {"in-1", "in-2", "gone", "told", "waits", "gone-too", "new"}) {
            turns.add(id);
        }
        turns.next = 2;  // in-1 and in-2 were let in
        turns.told = 5;  // gone, told and waits were told their place
        turns.keepOnly(Set.of("told", "waits", "new")::contains);
        assertEquals(3, turns.size());
        assertEquals(3, turns.waiting());
        assertEquals(0, turns.next);
        assertEquals(2, turns.told, "told and waits were told; new was not");
        assertEquals("told", turns.get(0));
        assertEquals("new", turns.get(2));
        turns.tellAgain();
        assertEquals(0, turns.told, "the end moved: everyone in line hears again");
        turns.add("waits");
        assertEquals(3, turns.size(), "a socket already in line stays where it is");
    }
}
