package circuitbreaker.maintenance.control;

import circuitbreaker.maintenance.entity.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The scopes of CIRCUIT_BREAKER_SCOPES_FILE (default: scopes.json beside the state file), read once at deployment: a
 * file that cannot be read or holds a mistake stops the deployment with every problem by line, so the breaker never
 * guards a fleet with half of what the operator wrote. No file: only {@code site}.
 */
@ApplicationScoped
public class ScopeBook {

    private static final System.Logger LOG = System.getLogger(ScopeBook.class.getName());

    private List<Scope> scopes = List.of(Scope.WHOLE_SITE);
    private String digest = "none";
    private final Map<String, String> differing = new ConcurrentHashMap<>();

    protected ScopeBook() {
    }

    @Inject
    public ScopeBook(@ConfigProperty(name = "circuit.breaker.scopes.file") Optional<String> location,
            @ConfigProperty(name = "circuit.breaker.state.file", defaultValue = "maintenance-status.json")
            String stateFile) {
        Path path = location.filter(l -> !l.isBlank()).map(Path::of)
                .orElseGet(() -> Path.of(stateFile).toAbsolutePath().resolveSibling("scopes.json"));
        if (!Files.exists(path)) {
            LOG.log(Level.INFO, "No scopes file at {0}: one scope, the whole site", path);
            return;
        }
        try {
            String text = Files.readString(path, StandardCharsets.UTF_8);
            scopes = ScopeFile.read(text);
            digest = digest(scopes.toString());
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("The scopes file " + path + " cannot be used: " + e.getMessage(), e);
        }
        LOG.log(Level.INFO, "Scopes from {0}: {1}", path, String.join(", ", names()));
    }

    /** Every scope, most specific first, {@code site} last. */
    public List<Scope> all() {
        return scopes;
    }

    public List<String> names() {
        return scopes.stream().map(Scope::name).toList();
    }

    public Optional<Scope> find(String name) {
        return scopes.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /**
     * The most specific scope other than {@code site} that covers the request and is closed, if any. The path is read
     * as the site's own server reads it (decoded, without ";" parameters, "//" or dot segments): "/%63heckout/pay" is
     * the checkout's.
     */
    public Optional<Scope> closedPart(String host, String path, Predicate<String> closed) {
        if (scopes.size() == 1) {
            return Optional.empty(); // the site alone
        }
        String normalized = normalized(path);
        for (Scope scope : scopes) {
            if (!scope.isSite() && scope.covers(host, normalized) && closed.test(scope.name())) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }

    /** What to answer for a name that is no scope: the name itself only if it could be one, never a stranger's text. */
    public String unknown(String name) {
        String shown = name.matches(Scope.NAME_PATTERN) ? name : "that name";
        return "no scope is named " + shown + "; the scopes are " + String.join(", ", names());
    }

    /** The most specific scope other than {@code site} that has this path prefix of its own: fronts key answers on it. */
    public Optional<String> prefixOf(String path) {
        return scopes.stream().flatMap(s -> s.paths().stream()).filter(path::startsWith).findFirst();
    }

    static String normalized(String path) {
        String plain = path.replaceAll(";[^/]*", ""); // ";jsessionid=..." and other parameters
        try {
            plain = URLDecoder.decode(plain.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            // as sent
        }
        Deque<String> kept = new ArrayDeque<>();
        String[] segments = plain.split("/+", -1);
        for (String segment : segments) {
            if (segment.equals("..")) {
                kept.pollLast();
            } else if (!segment.equals(".")) {
                kept.addLast(segment);
            }
        }
        String last = segments[segments.length - 1];
        String joined = String.join("/", kept) + (last.equals(".") || last.equals("..") ? "/" : "");
        return joined.startsWith("/") ? joined : "/" + joined;
    }

    /** A short fingerprint of the definitions, the same on members that read the same scopes: "none" without a file. */
    public String digest() {
        return digest;
    }

    /**
     * Another fleet member's fingerprint of its scopes: one that differs is logged once and shown in /health.
     *
     * @param member its identity in the grid (names may repeat), or null from a release that announced none
     */
    public void heard(String member, String name, String theirs) {
        String key = member == null ? name : member;
        if (theirs == null || theirs.equals(digest)) {
            differing.remove(key);
        } else if (differing.put(key, name) == null) {
            LOG.log(Level.WARNING, "Fleet member {0} reads other scopes (fingerprint {1}) than this one ({2}): give "
                    + "every member the same scopes file", name, theirs, digest);
        }
    }

    /** The names of the members heard reading other scopes than this one. */
    public List<String> differing() {
        return differing.values().stream().sorted().toList();
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
