package circuitbreaker.gate.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Path prefixes that pass a closed gate (e.g. {@code /.well-known/acme-challenge/}, so certificates renew during an
 * outage). A path is decoded before it is compared, and one with dot segments or backslashes never matches, so
 * {@code /.well-known/acme-challenge/../admin} stays behind the gate.
 */
@ApplicationScoped
public class OpenPaths {

    private List<String> prefixes;

    protected OpenPaths() {
    }

    @Inject
    public OpenPaths(@ConfigProperty(name = "circuit.breaker.gate.open.paths") Optional<String> configured) {
        prefixes = configured.map(list -> Arrays.stream(list.split(",")).map(String::strip).filter(p -> !p.isEmpty())
                .toList()).orElse(List.of());
        for (String prefix : prefixes) {
            if (!prefix.startsWith("/") || prefix.contains("..")) {
                throw new IllegalStateException("CIRCUIT_BREAKER_GATE_OPEN_PATHS: each prefix must start with / and"
                        + " contain no '..', not '" + prefix + "'");
            }
        }
    }

    public List<String> prefixes() {
        return prefixes;
    }

    /** @param uri the request's URI as the proxy forwards it (path and query, still percent-encoded) */
    public boolean matches(String uri) {
        return prefixOf(uri).isPresent();
    }

    /** The always-open prefix the URI falls under, if any. */
    public Optional<String> prefixOf(String uri) {
        if (prefixes.isEmpty() || uri == null) {
            return Optional.empty();
        }
        String path = decoded(uri);
        if (path == null || path.contains("\\") || path.contains("/./") || path.contains("/../")
                || path.endsWith("/.") || path.endsWith("/..") || path.contains("//")) {
            return Optional.empty();
        }
        return prefixes.stream().filter(path::startsWith).findFirst();
    }

    private static String decoded(String uri) {
        int end = uri.length();
        for (char stop : new char[] {'?', '#'}) {
            int at = uri.indexOf(stop);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        try {
            return URLDecoder.decode(uri.substring(0, end).replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }
}
