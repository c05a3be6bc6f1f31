package circuitbreaker.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import circuitbreaker.platform.SteppedClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FleetTest {

    static final long T = 1_800_000_000_000L;

    final SteppedClock clock = new SteppedClock(T);

    Fleet member(String name) {
        return new Fleet(clock, Grid.none(), Optional.of("127.0.0.1:6900,127.0.0.1:6901"), Optional.of(name), 10);
    }

    @Test
    void aFleetOfOneIsAlwaysInStepAndLeads() {
        Fleet alone = new Fleet(clock, Grid.none(), Optional.empty(), Optional.of("solo"), 10);
        assertFalse(alone.waitingForTheFleet());
        assertTrue(alone.inStep());
        assertTrue(alone.leads());
        assertEquals(Map.of("solo", 7), alone.openSocketsSeen(7));
    }

    @Test
    void aStartingMemberWaitsForTheFleetUntilAnotherAnswersOrTheWaitIsOver() {
        Fleet answered = member("beta");
        assertTrue(answered.waitingForTheFleet());
        assertFalse(answered.inStep());
        assertFalse(answered.leads(), "never leads before it holds the fleet's state");
        clock.advance(Duration.ofSeconds(3));
        answered.heard("id-alpha", "alpha", new MemberReport(2, 0, 0));
        assertFalse(answered.waitingForTheFleet());
        assertTrue(answered.inStep());

        Fleet alone = member("gamma");
        clock.advance(Duration.ofMillis(9_999));
        assertTrue(alone.waitingForTheFleet(), "within CIRCUIT_BREAKER_CLUSTER_SYNC_TIMEOUT");
        clock.advance(Duration.ofMillis(1));
        assertFalse(alone.waitingForTheFleet(), "then it serves its own state");
        assertTrue(alone.inStep());
    }

    @Test
    void withoutAGridTheFirstByNameLeadsAndTheNextTakesOverWhenItIsNoLongerHeard() {
        Fleet beta = member("beta");
        beta.heard("id-alpha", "alpha", new MemberReport(4, 0, 0));
        assertFalse(beta.leads(), "alpha comes first");
        assertEquals(Map.of("alpha", 4, "beta", 1), beta.openSocketsSeen(1));
        clock.advance(Duration.ofSeconds(3 * Fleet.ANNOUNCE_SECONDS));
        assertFalse(beta.leads(), "alpha was heard three announcements ago: still a member");
        clock.advance(Duration.ofMillis(1));
        assertTrue(beta.leads(), "alpha is gone: beta leads");
        assertEquals(Map.of("beta", 1), beta.openSocketsSeen(1));
        assertEquals(List.of("beta"), beta.membersSeen());
    }

    /** A grid whose members joined in the given order. */
    record FixedGrid(String self, List<String> oldestFirst) implements Grid {
    }

    Fleet member(String name, Grid grid) {
        return new Fleet(clock, grid, Optional.of("127.0.0.1:6900,127.0.0.1:6901"), Optional.of(name), 10);
    }

    @Test
    void theOldestMemberOfTheGridLeadsWhateverTheNamesSay() {
        List<String> joined = List.of("grid-1", "grid-2");
        Fleet zulu = member("zulu", new FixedGrid("grid-1", joined));
        Fleet alpha = member("alpha", new FixedGrid("grid-2", joined));
        zulu.heard("grid-2", "alpha", new MemberReport(0, 0, 0));
        alpha.heard("grid-1", "zulu", new MemberReport(0, 0, 0));
        assertTrue(zulu.leads(), "the oldest in the grid, though last by name");
        assertFalse(alpha.leads());
    }

    @Test
    void twoMembersWithOneNameStillElectOneAndAreCountedApart() {
        List<String> joined = List.of("grid-1", "grid-2");
        Fleet first = member("port-6970", new FixedGrid("grid-1", joined));
        Fleet second = member("port-6970", new FixedGrid("grid-2", joined));
        first.heard("grid-2", "port-6970", new MemberReport(5, 0, 0));
        second.heard("grid-1", "port-6970", new MemberReport(3, 0, 0));
        assertTrue(first.leads());
        assertFalse(second.leads(), "exactly one leads");
        assertEquals(Map.of("port-6970", 8), first.openSocketsSeen(3), "both members' visitors count");
        assertEquals(List.of("port-6970", "port-6970"), first.membersSeen(), "two members, one name");

        Fleet third = member("port-6970", Grid.none());
        Fleet fourth = member("port-6970", Grid.none());
        third.heard(fourth.member(), "port-6970", new MemberReport(0, 0, 0));
        fourth.heard(third.member(), "port-6970", new MemberReport(0, 0, 0));
        assertTrue(third.leads() ^ fourth.leads(), "without a grid, their identities decide: exactly one leads");
    }

    @Test
    void itsOwnAnnouncementHandedBackIsNotAnotherMember() {
        Fleet alone = member("solo", new FixedGrid("grid-1", List.of("grid-1")));
        alone.heard("grid-1", "solo", new MemberReport(9, 0, 0));
        assertEquals(Map.of("solo", 1), alone.openSocketsSeen(1));
    }
}
