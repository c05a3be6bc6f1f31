package circuitbreaker.gate.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Lets chosen people through a closed gate, like Laravel's {@code down --secret}: whoever opens
 * {@code /circuit-breaker-bypass/<secret>} once gets a signed, expiring, HttpOnly cookie. Every instance configured
 * with the same secret accepts it; without the secret no cookie can be made, and a wrong secret gets the ordinary
 * page, so nothing tells a guesser how close they came. The secret itself is never logged.
 */
@ApplicationScoped
public class Bypass {

    public static final String PATH = "/circuit-breaker-bypass/";
    public static final String COOKIE = "circuit_breaker_bypass";
    static final int MIN_SECRET_LENGTH = 16;

    /** SHA-256 of the secret (null: no bypass); comparing digests takes the same time whatever is presented. */
    private byte[] secretDigest;
    private SecretKeySpec cookieKey;
    private long ttlSeconds;

    protected Bypass() {
    }

    @Inject
    public Bypass(@ConfigProperty(name = "circuit.breaker.bypass.secret") Optional<String> secret,
            @ConfigProperty(name = "circuit.breaker.bypass.secret.file") Optional<String> secretFile,
            @ConfigProperty(name = "circuit.breaker.bypass.ttl", defaultValue = "43200") long ttlSeconds) {
        Optional<String> configured = secret.map(String::strip).filter(s -> !s.isEmpty());
        if (configured.isEmpty() && secretFile.filter(f -> !f.isBlank()).isPresent()) {
            configured = Optional.of(read(secretFile.get()));
        }
        if (configured.isPresent()) {
            String value = configured.get();
            if (value.length() < MIN_SECRET_LENGTH || !value.matches("[A-Za-z0-9._~-]+")) {
                throw new IllegalStateException("CIRCUIT_BREAKER_BYPASS_SECRET must be at least " + MIN_SECRET_LENGTH
                        + " characters of A-Z a-z 0-9 . _ ~ - (it is part of a URL)");
            }
            if (ttlSeconds < 1) {
                throw new IllegalStateException("CIRCUIT_BREAKER_BYPASS_TTL must be at least 1 second");
            }
            secretDigest = sha256("path:" + value);
            cookieKey = new SecretKeySpec(sha256("cookie:" + value), "HmacSHA256");
        }
        this.ttlSeconds = ttlSeconds;
    }

    public boolean enabled() {
        return secretDigest != null;
    }

    /** Whether the (raw) request path presents the secret. */
    public boolean isSecretPath(String path) {
        return enabled() && path != null && path.startsWith(PATH)
                && MessageDigest.isEqual(secretDigest, sha256("path:" + path.substring(PATH.length())));
    }

    /** The Set-Cookie value that lets its holder through until {@code now + ttl}. */
    public String cookie(long nowMillis, boolean secure) {
        long expires = nowMillis / 1000 + ttlSeconds;
        return COOKIE + "=" + expires + "." + signature(expires) + "; Max-Age=" + ttlSeconds
                + "; Path=/; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
    }

    /** Whether a Cookie header carries a bypass cookie that this secret signed and that has not expired. */
    public boolean admits(String cookieHeader, long nowMillis) {
        if (!enabled() || cookieHeader == null) {
            return false;
        }
        for (String pair : cookieHeader.split(";")) {
            String cookie = pair.strip();
            if (cookie.startsWith(COOKIE + "=") && valid(cookie.substring(COOKIE.length() + 1), nowMillis)) {
                return true;
            }
        }
        return false;
    }

    private boolean valid(String value, long nowMillis) {
        int dot = value.indexOf('.');
        if (dot < 1 || dot > 12 || !value.substring(0, dot).chars().allMatch(Character::isDigit)) {
            return false;
        }
        long expires = Long.parseLong(value.substring(0, dot));
        return expires > nowMillis / 1000 && MessageDigest.isEqual(
                signature(expires).getBytes(StandardCharsets.US_ASCII),
                value.substring(dot + 1).getBytes(StandardCharsets.US_ASCII));
    }

    private String signature(long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(cookieKey);
            byte[] signed = mac.doFinal(("bypass until " + expires).getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalStateException("CIRCUIT_BREAKER_BYPASS_SECRET_FILE " + file + " cannot be read: " + e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
