package circuitbreaker.webhook.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signing: {@code v1,} + base64 HMAC-SHA256 of {@code id.timestamp.body}, keyed with the
 * base64-decoded part of a {@code whsec_} secret.
 */
public final class Signature {

    static final String PREFIX = "whsec_";

    private Signature() {
    }

    /** The key of a {@code whsec_<base64>} secret; an IllegalArgumentException says what is wrong with it. */
    public static byte[] key(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            throw new IllegalArgumentException("secret must start with whsec_");
        }
        byte[] key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
        if (key.length < 16) {
            throw new IllegalArgumentException("secret must hold at least 16 bytes after whsec_");
        }
        return key;
    }

    public static String sign(byte[] key, String id, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signed = mac.doFinal((id + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }
}
