package circuitbreaker.access;

import circuitbreaker.platform.Loopback;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who may change the state: the bearer of the configured token, or, when no token is configured, loopback clients
 * that did not come through a proxy (behind a front on the same host every visitor's connection is loopback) and that
 * asked for a loopback host: a web page on any domain that resolves to 127.0.0.1 (DNS rebinding) makes the operator's
 * own browser a loopback client, but its requests name that domain. A token file that cannot be read locks writes
 * rather than opening them.
 */
@ApplicationScoped
public class OperatorAccess {

    public enum Decision { ALLOWED, UNAUTHORIZED, FORBIDDEN }

    private static final System.Logger LOG = System.getLogger(OperatorAccess.class.getName());
    private static final String BEARER = "Bearer ";
    /** A request carrying any of these came through a proxy: whoever sent it, it is not a loopback client. */
    public static final List<String> PROXY_HEADERS = List.of("Forwarded", "X-Forwarded-For", "X-Real-IP", "Via");

    /** SHA-256 of the token (null: no token configured); hashing first makes every comparison take the same time. */
    private byte[] tokenDigest;
    private boolean locked;

    protected OperatorAccess() {
    }

    @Inject
    public OperatorAccess(@ConfigProperty(name = "circuit.breaker.token") Optional<String> token,
            @ConfigProperty(name = "circuit.breaker.token.file") Optional<String> tokenFile) {
        Optional<String> configured = token.map(String::strip).filter(t -> !t.isEmpty());
        if (configured.isEmpty() && tokenFile.isPresent() && !tokenFile.get().isBlank()) {
            try {
                configured = Optional.of(Files.readString(Path.of(tokenFile.get()), StandardCharsets.UTF_8).strip())
                        .filter(t -> !t.isEmpty());
                if (configured.isEmpty()) {
                    locked = true;
                    LOG.log(Level.ERROR, "Token file {0} is empty: every write will be refused", tokenFile.get());
                }
            } catch (IOException e) {
                locked = true;
                LOG.log(Level.ERROR, "Token file {0} cannot be read ({1}): every write will be refused",
                        tokenFile.get(), e.toString());
            }
        }
        tokenDigest = configured.map(OperatorAccess::digest).orElse(null);
        LOG.log(Level.INFO, locked ? "Writes are locked" : tokenDigest != null
                ? "Writes need the bearer token" : "No token configured: only loopback clients may write");
    }

    /**
     * @param host the request's Host header
     * @param proxied whether the request carries one of the {@link #PROXY_HEADERS}
     */
    public Decision decide(String authorization, String remoteAddress, String host, boolean proxied) {
        if (locked) {
            return Decision.UNAUTHORIZED;
        }
        if (tokenDigest != null) {
            String presented = authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                    ? authorization.substring(BEARER.length()).strip() : "";
            return MessageDigest.isEqual(tokenDigest, digest(presented)) ? Decision.ALLOWED : Decision.UNAUTHORIZED;
        }
        return !proxied && Loopback.address(remoteAddress) && Loopback.host(host) ? Decision.ALLOWED : Decision.FORBIDDEN;
    }

    public boolean tokenRequired() {
        return locked || tokenDigest != null;
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
