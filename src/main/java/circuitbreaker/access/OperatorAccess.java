package circuitbreaker.access;

import circuitbreaker.platform.Loopback;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.openid.OpenIdContext;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who operates the breaker: the holder of a named operator's token, of the configured token (the operator
 * {@code default}, every right), or, when no token is configured anywhere, a loopback client that did not come
 * through a proxy (behind a front on the same host every visitor's connection is loopback) and that asked for a
 * loopback host: a web page on any domain that resolves to 127.0.0.1 (DNS rebinding) makes the operator's own browser a
 * loopback client, but its requests name that domain. A token file that cannot be read locks writes rather than
 * opening them.
 */
@ApplicationScoped
public class OperatorAccess {

    private static final System.Logger LOG = System.getLogger(OperatorAccess.class.getName());
    private static final String BEARER = "Bearer ";
    /** What the console sends on every call: a page of another site cannot (no CORS), so a session is the console's. */
    public static final String CONSOLE_HEADER = "X-Circuit-Breaker-Console";
    /** A request carrying any of these came through a proxy: whoever sent it, it is not a loopback client. */
    public static final List<String> PROXY_HEADERS = List.of("Forwarded", "X-Forwarded-For", "X-Real-IP", "Via");

    /** SHA-256 of the configured token, hex (null: none configured). */
    private String defaultHash;
    private boolean locked;
    private Operators operators;

    @Inject
    Instance<OpenIdSettings> openId;

    @Inject
    Instance<OpenIdContext> openIdContext;

    protected OperatorAccess() {
    }

    @Inject
    public OperatorAccess(@ConfigProperty(name = "circuit.breaker.token") Optional<String> token,
            @ConfigProperty(name = "circuit.breaker.token.file") Optional<String> tokenFile, Operators operators) {
        this.operators = operators;
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
        defaultHash = configured.map(Operators::sha256).orElse(null);
        LOG.log(Level.INFO, locked ? "Writes are locked" : tokenRequired()
                ? "Operators need a bearer token" : "No token configured: only loopback clients may operate");
    }

    /**
     * @param host the request's Host header
     * @param proxied whether the request carries one of the {@link #PROXY_HEADERS}
     */
    public Identity identify(String authorization, String remoteAddress, String host, boolean proxied) {
        if (locked) {
            return Identity.refused(401, "token", "the token file cannot be read, so nobody may operate the breaker");
        }
        if (tokenRequired()) {
            String presented = authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                    ? authorization.substring(BEARER.length()).strip() : "";
            if (presented.isEmpty()) {
                return Identity.refused(401, "token", "a valid token is required: send the header 'Authorization: "
                        + "Bearer <token>'");
            }
            String hash = Operators.sha256(presented);
            if (hash.equals(defaultHash)) {
                return Identity.of(Caller.byDefault());
            }
            return operators.holderOf(hash).map(Identity::of).orElseGet(() -> Identity.refused(401, "token",
                    "a valid token is required: send the header 'Authorization: Bearer <token>'"));
        }
        if (!proxied && Loopback.address(remoteAddress) && Loopback.host(host)) {
            return Identity.of(Caller.LOOPBACK);
        }
        return Identity.refused(403, "loopback", "no token is configured, so only loopback clients that did not come "
                + "through a proxy and asked for a loopback host (127.0.0.1, [::1] or localhost) may operate; "
                + "configure CIRCUIT_BREAKER_TOKEN or add an operator");
    }

    /**
     * The caller of a request: a person signed in to the console through OpenID Connect (no Authorization header, a
     * session), else from its Authorization header, its address and its Host.
     */
    public Identity identify(HttpServletRequest request) {
        if (!locked && request.getHeader("Authorization") == null && request.getUserPrincipal() != null
                && openId != null && openId.isResolvable()) {
            return request.getHeader(CONSOLE_HEADER) == null ? Identity.refused(403, "console", "a person signed in "
                    + "through the identity provider acts through the console only (" + CONSOLE_HEADER + " missing)")
                    : SignedInPerson.identify(openIdContext.get(), request.getUserPrincipal().getName(), openId.get(),
                            operators::named);
        }
        boolean proxied = PROXY_HEADERS.stream().anyMatch(name -> request.getHeader(name) != null);
        return identify(request.getHeader("Authorization"), request.getRemoteAddr(), request.getHeader("Host"),
                proxied);
    }

    /** Whether a token is needed: one is configured, or the operators file names someone. */
    public boolean tokenRequired() {
        return locked || defaultHash != null || operators.any();
    }
}
