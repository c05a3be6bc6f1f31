package circuitbreaker.reopen.control;

import circuitbreaker.maintenance.entity.MaintenanceState;
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
 * The admission a visitor gets when its turn comes in a reopening: a value of its own (the reopening, a turn drawn for
 * this visitor alone, signed with this instance's key), which the server sets as an HttpOnly cookie. Every instance of
 * the fleet accepts it: each announces its key to the others (the cluster's announcements), and a value signed by any
 * key heard within the last hour passes, for the reopening it names and only while it goes on. A forged value, one for
 * another reopening or one signed outside the fleet does not.
 */
@ApplicationScoped
public class Admission {

    public static final String COOKIE = "circuit_breaker_admission";
    static final Duration KEEP_KEYS = Duration.ofHours(1);

    private static final SecureRandom RANDOM = new SecureRandom();
    private final byte[] key = new byte[32];
    private final Map<String, Long> heardKeys = new ConcurrentHashMap<>(); // base64 key -> last heard, epoch ms

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

    /** A new visitor's admission to the reopening that began at {@code from}: {@code from.turn.signature}. */
    public String value(long from) {
        byte[] drawn = new byte[12];
        RANDOM.nextBytes(drawn);
        String turn = from + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(drawn);
        return turn + "." + signature(key, turn);
    }

    /** Whether the Cookie header carries an admission to the reopening going on. */
    public boolean admits(String cookieHeader, MaintenanceState state, long now) {
        if (cookieHeader == null || !state.reopeningAt(now)) {
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

    /** Whether a value is an admission to the reopening going on, signed within the fleet. */
    public boolean valid(String value, MaintenanceState state, long now) {
        if (value == null || !state.reopeningAt(now) || !value.startsWith(state.reopening().from() + ".")) {
            return false;
        }
        int signed = value.lastIndexOf('.');
        return signed > 0 && signedHere(value.substring(0, signed), value.substring(signed + 1));
    }

    /** The Set-Cookie header that hands the visitor its admission, out of reach of scripts, until {@code until}. */
    public static String cookie(String value, long until, long now, boolean secure) {
        long seconds = Math.max(60, (until - now) / 1000 + 600);
        return COOKIE + "=" + value + "; Path=/; Max-Age=" + seconds + "; HttpOnly; SameSite=Lax"
                + (secure ? "; Secure" : "");
    }

    private boolean signedHere(String turn, String presented) {
        byte[] given = presented.getBytes(StandardCharsets.US_ASCII);
        if (MessageDigest.isEqual(signature(key, turn).getBytes(StandardCharsets.US_ASCII), given)) {
            return true;
        }
        for (String other : heardKeys.keySet()) {
            byte[] otherKey = Base64.getDecoder().decode(other);
            if (MessageDigest.isEqual(signature(otherKey, turn).getBytes(StandardCharsets.US_ASCII), given)) {
                return true;
            }
        }
        return false;
    }

    private static String signature(byte[] key, String turn) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signed = mac.doFinal(("admitted to the reopening of " + turn).getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }
}
