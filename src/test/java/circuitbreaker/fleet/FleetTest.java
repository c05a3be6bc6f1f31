package circuitbreaker.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import circuitbreaker.platform.SteppedClock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FleetTest {

    static final long T = 1_800_000_000_000L;

    final SteppedClock clock = new SteppedClock(T);

    Fleet member(String name) {
        return new Fleet(clock, Optional.of("127.0.0.1:6900,127.0.0.1:6901"), Optional.of(name), 10);
    }

    @Test
    void aFleetOfOneIsAlwaysInStepAndLeads() {
        Fleet alone = new Fleet(clock, Optional.empty(), Optional.of("solo"), 10);
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
        answered.heard("alpha", new MemberReport(2, 0, 0));
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
    void theFirstByNameOfTheMembersSeenLeadsAndTheNextTakesOverWhenItIsNoLongerHeard() {
        Fleet beta = member("beta");
        beta.heard("alpha", new MemberReport(4, 0, 0));
        assertFalse(beta.leads(), "alpha comes first");
        assertEquals(Map.of("alpha", 4, "beta", 1), beta.openSocketsSeen(1));
        clock.advance(Duration.ofSeconds(3 * Fleet.ANNOUNCE_SECONDS));
        assertFalse(beta.leads(), "alpha was heard three announcements ago: still a member");
        clock.advance(Duration.ofMillis(1));
        assertTrue(beta.leads(), "alpha is gone: beta leads");
        assertEquals(Map.of("beta", 1), beta.openSocketsSeen(1));
        assertEquals(1, beta.membersSeen().size());
    }
}
