package circuitbreaker.maintenance.entity;

import java.util.List;
import java.util.Locale;

/**
 * A part of the fleet with a maintenance of its own (SPEC §17): the requests whose host matches one of {@code hosts}
 * (if given) and whose path starts with one of {@code paths} (if given). {@code site} covers every request.
 *
 * @param hosts host names, lower case; {@code *.example.com} matches every name under example.com (not itself)
 * @param paths path prefixes, each starting with "/"
 * @param watchUrl the URL the watcher asks for this scope's health, or null
 */
public record Scope(String name, List<String> hosts, List<String> paths, String watchUrl) {

    public static final String SITE = "site";
    public static final String NAME_PATTERN = "[a-z0-9-]{1,40}";
    public static final Scope WHOLE_SITE = new Scope(SITE, List.of(), List.of(), null);

    public Scope {
        hosts = List.copyOf(hosts);
        paths = List.copyOf(paths);
    }

    public boolean isSite() {
        return SITE.equals(name);
    }

    /** @param host the request's Host, as sent (any case, maybe with a port); null matches no listed host */
    public boolean covers(String host, String path) {
        String name = host == null ? null : hostName(host);
        return (hosts.isEmpty() || name != null && hosts.stream().anyMatch(h -> hostWithin(name, h)))
                && (paths.isEmpty() || paths.stream().anyMatch(path::startsWith));
    }

    /** Every request this scope covers, {@code other} covers too: this one is the more specific. */
    public boolean within(Scope other) {
        return (other.hosts.isEmpty() || !hosts.isEmpty()
                && hosts.stream().allMatch(h -> other.hosts.stream().anyMatch(o -> hostWithin(h, o))))
                && (other.paths.isEmpty() || !paths.isEmpty()
                && paths.stream().allMatch(p -> other.paths.stream().anyMatch(p::startsWith)));
    }

    /** Some request could be covered by both. */
    public boolean overlaps(Scope other) {
        return (hosts.isEmpty() || other.hosts.isEmpty() || hosts.stream().anyMatch(
                h -> other.hosts.stream().anyMatch(o -> hostWithin(h, o) || hostWithin(o, h))))
                && (paths.isEmpty() || other.paths.isEmpty() || paths.stream().anyMatch(
                p -> other.paths.stream().anyMatch(o -> p.startsWith(o) || o.startsWith(p))));
    }

    /** Whether the host (or host pattern) {@code inner} only names hosts that the pattern {@code outer} matches. */
    static boolean hostWithin(String inner, String outer) {
        return outer.startsWith("*.") ? inner.endsWith(outer.substring(1)) : inner.equals(outer);
    }

    /** A Host header as a name to compare: lower case, without its port or a final dot. */
    public static String hostName(String host) {
        String name = host.strip().toLowerCase(Locale.ROOT);
        if (name.startsWith("[")) {
            return name; // an IPv6 literal names no scope's host
        }
        int colon = name.indexOf(':');
        name = colon < 0 ? name : name.substring(0, colon);
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
