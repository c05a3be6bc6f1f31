package circuitbreaker.cluster.entity;

import circuitbreaker.access.OperatorBook;
import circuitbreaker.fleet.MemberReport;
import circuitbreaker.maintenance.entity.MaintenanceState;
import circuitbreaker.schedule.entity.WindowBook;
import java.io.Serializable;
import java.util.Map;

/**
 * What an instance tells the others, on every update and every few seconds: who it is and what it holds (the state
 * and the windows, each versioned: the newer wins), its own counts, and the key its reopening admissions are signed
 * with, so every member accepts them.
 *
 * @param member the sender's identity in the data grid: names may repeat, identities do not
 * @param instance the sender's name, for people
 * @param asking true while the sender has just started and waits to hear the fleet: every member answers it
 * @param report the sender's open sockets and reopening progress when it spoke
 * @param admissionKey the sender's admission key, base64
 * @param scopes the states of the scopes other than the site, by name (a HashMap: it travels serialized)
 * @param scopesDigest the fingerprint of the sender's scopes file: members whose files differ say so
 * @param operators the named operators the sender follows (hashes of their tokens only): the newer book wins
 */
public record Announcement(String member, String instance, MaintenanceState state, WindowBook windows, boolean asking,
        MemberReport report, String admissionKey, Map<String, MaintenanceState> scopes, String scopesDigest,
        OperatorBook operators)
        implements Serializable {
}
