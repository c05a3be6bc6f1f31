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
 * The admission a visitor gets when its turn comes in a reopening: a cookie that names the reopening and is signed
 * with this instance's key. Every instance of the fleet accepts it: each announces its key to the others (the
 * cluster's announcements), and a cookie signed by any key heard within the last hour passes, for the reopening it
 * names and only while it goes on. A forged cookie, one for another reopening or one signed outside the fleet does not.
 */
@ApplicationScoped
public class Admission {

    public static final String COOKIE = "circuit_breaker_admission";
    static final Duration KEEP_KEYS = Duration.ofHours(1);

    private final byte[] key = new byte[32];
    private final Map<String, Long> heardKeys = new ConcurrentHashMap<>(); // base64 key -> last heard, epoch ms

    public Admission() {
        new SecureRandom().nextBytes(key);
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

    /** The cookie's value for the reopening that began at {@code from}. */
    public String value(long from) {
        return from + "." + signature(key, from);
    }

    /** Whether the Cookie header carries an admission to the reopening going on. */
    public boolean admits(String cookieHeader, MaintenanceState state, long now) {
        if (cookieHeader == null || !state.reopeningAt(now)) {
            return false;
        }
        String expected = state.reopening().from() + ".";
        for (String pair : cookieHeader.split(";")) {
            String cookie = pair.strip();
            if (cookie.startsWith(COOKIE + "=" + expected) && signedHere(cookie.substring(COOKIE.length() + 1
                    + expected.length()), state.reopening().from())) {
                return true;
            }
        }
        return false;
    }

    private boolean signedHere(String presented, long from) {
        byte[] given = presented.getBytes(StandardCharsets.US_ASCII);
        if (MessageDigest.isEqual(signature(key, from).getBytes(StandardCharsets.US_ASCII), given)) {
            return true;
        }
        for (String other : heardKeys.keySet()) {
            byte[] otherKey = Base64.getDecoder().decode(other);
            if (MessageDigest.isEqual(signature(otherKey, from).getBytes(StandardCharsets.US_ASCII), given)) {
                return true;
            }
        }
        return false;
    }

    private static String signature(byte[] key, long from) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signed = mac.doFinal(("admitted to the reopening of " + from).getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }
}
