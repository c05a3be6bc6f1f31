package circuitbreaker.reopen.control;

import circuitbreaker.maintenance.entity.MaintenanceState;
import circuitbreaker.maintenance.entity.Reopening;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The admission a visitor gets when its turn comes, in a reopening or in admission mode: a value of its own
 * ({@code line.issued.turn.signature}: the line it was in, when, a turn drawn for this visitor alone, signed with this
 * instance's key), which the server sets as an HttpOnly cookie. Every instance of the fleet accepts it: each announces
 * its key to the others (the cluster's announcements), and a value signed by any key heard within the last hour
 * passes, for the line it names and only while that goes on; in admission mode, only while its visitor is active (a
 * request within the idle time, as this instance saw them). A forged value, one for another line or one signed
 * outside the fleet does not.
 */
@ApplicationScoped
public class Admission {

    public static final String COOKIE = "circuit_breaker_admission";
    static final Duration KEEP_KEYS = Duration.ofHours(1);
    static final long JUST_ENDED_MILLIS = 600_000;
    /** The most visitors whose last request is remembered (see {@link #forgetSome}). */
    static final int MAX_REMEMBERED = 200_000;

    private static final SecureRandom RANDOM = new SecureRandom();
    private final byte[] key = new byte[32];
    private final Map<String, Long> heardKeys = new ConcurrentHashMap<>(); // base64 key -> last heard, epoch ms
    private final Map<String, Long> lastSeen = new ConcurrentHashMap<>(); // turn -> last request, epoch ms

    public Admission() {
        RANDOM.nextBytes(key);
    }

    /** This instance's key, for the others. */
    public String key() {
        return Base64.getEncoder().encodeToString(key);
    }

    /** Another member's key, as its announcement carried it. */
    public void heard(String otherKey, long now) {
        try {
            if (otherKey != null && Base64.getDecoder().decode(otherKey).length == key.length) {
                heardKeys.put(otherKey, now);
            }
        } catch (IllegalArgumentException notBase64) {
            // not a key: nothing to remember
        }
        heardKeys.values().removeIf(at -> now - at > KEEP_KEYS.toMillis());
    }

    /** A new visitor's admission to the line named {@code line} (a reopening's start, or admission mode's). */
    public String value(long line, long now) {
        byte[] drawn = new byte[12];
        RANDOM.nextBytes(drawn);
        String turn = line + "." + now + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(drawn);
        return turn + "." + signature(key, turn);
    }

    /** Whether the Cookie header carries an admission to the line going on; a request that does keeps it active. */
    public boolean admits(String cookieHeader, MaintenanceState state, long now) {
        if (cookieHeader == null) {
            return false;
        }
        for (String pair : cookieHeader.split(";")) {
            String cookie = pair.strip();
            if (cookie.startsWith(COOKIE + "=") && valid(cookie.substring(COOKIE.length() + 1), state, now)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a page may trade this value for its cookie: an admission to the line going on, or one given at the end
     * of the reopening that has just ended (within the cookie's 10 minutes) while the site stays open, so a page let
     * in by the last step need not meet the front's closed answer of that second.
     */
    public boolean tradable(String value, MaintenanceState state, long now) {
        if (valid(value, state, now)) {
            return true;
        }
        PresentedAdmission given = PresentedAdmission.of(value);
        Reopening last = state.reopening();
        return given != null && !state.isActive() && last != null && !last.inProgressAt(now)
                && now - last.until() <= JUST_ENDED_MILLIS && given.names(last.from()) && signedHere(given);
    }

    /** Whether a value is an admission to the line going on, signed within the fleet, its visitor still active. */
    public boolean valid(String value, MaintenanceState state, long now) {
        PresentedAdmission given = PresentedAdmission.of(value);
        LineSession line = LineSession.of(state, now);
        if (given == null || line == null) {
            return false;
        }
        // Admission mode after a reopening keeps those the reopening let in, while they stay active.
        boolean handedOver = !line.reopening() && state.reopening() != null && given.names(state.reopening().from());
        if (!(handedOver || given.names(line.name())) || !signedHere(given)) {
            return false;
        }
        if (line.reopening()) {
            return true;
        }
        long idle = state.admission().idleSeconds() * 1000;
        if (now - Math.max(given.issuedAt(), lastSeen.getOrDefault(given.turn(), 0L)) > idle) {
            return false;
        }
        if (lastSeen.put(given.turn(), now) == null && lastSeen.size() > MAX_REMEMBERED) {
            forgetSome(now, idle);
        }
        return true;
    }

    /**
     * Keeps the memory of last requests bounded: those idle too long go first, then those idle half as long; should it
     * still be full (more active visitors than it holds) it starts over, and each is judged from when it was let in.
     */
    private synchronized void forgetSome(long now, long idle) {
        if (lastSeen.size() <= MAX_REMEMBERED) {
            return; // another thread did it
        }
        lastSeen.values().removeIf(at -> now - at > idle);
        if (lastSeen.size() > MAX_REMEMBERED * 3 / 4) {
            lastSeen.values().removeIf(at -> now - at > idle / 2);
        }
        if (lastSeen.size() > MAX_REMEMBERED * 3 / 4) {
            lastSeen.clear();
        }
    }

    /** The Set-Cookie header that hands the visitor its admission, out of reach of scripts. */
    public static String cookie(String value, long maxAgeSeconds, boolean secure) {
        return COOKIE + "=" + value + "; Path=/; Max-Age=" + Math.max(60, maxAgeSeconds) + "; HttpOnly; SameSite=Lax"
                + (secure ? "; Secure" : "");
    }

    private boolean signedHere(PresentedAdmission given) {
        byte[] presented = given.signature().getBytes(StandardCharsets.US_ASCII);
        if (MessageDigest.isEqual(signature(key, given.signed()).getBytes(StandardCharsets.US_ASCII), presented)) {
            return true;
        }
        for (String other : heardKeys.keySet()) {
            byte[] otherKey = Base64.getDecoder().decode(other);
            if (MessageDigest.isEqual(signature(otherKey, given.signed()).getBytes(StandardCharsets.US_ASCII),
                    presented)) {
                return true;
            }
        }
        return false;
    }

    private static String signature(byte[] key, String turn) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signed = mac.doFinal(("admitted to the line of " + turn).getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }
}
