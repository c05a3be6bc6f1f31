package circuitbreaker.maintenance.control;

import circuitbreaker.maintenance.entity.Scope;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the operator's scopes file (SPEC §17): a JSON list of {"name", "hosts", "paths", "watchUrl"}. Whatever is
 * wrong is refused as a whole, each problem naming its line, so a typo never leaves a part of the fleet unguarded
 * or closes more than was meant.
 */
final class ScopeFile {

    private static final Set<String> FIELDS = Set.of("name", "hosts", "paths", "watchUrl");
    private static final String HOST = "(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*";

    private ScopeFile() {
    }

    /** The scopes defined, most specific first, with {@code site} (which covers everything) last. */
    static List<Scope> read(String text) {
        List<String> problems = new ArrayList<>();
        List<Scope> scopes = new ArrayList<>();
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = Json.createParser(new StringReader(text))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_ARRAY) {
                throw new IllegalArgumentException("line 1: expected a list of scopes, such as "
                        + "[{\"name\":\"shop\",\"hosts\":[\"shop.example.com\"]}]");
            }
            while (parser.hasNext()) {
                JsonParser.Event event = parser.next();
                if (event == JsonParser.Event.END_ARRAY) {
                    break;
                }
                long line = parser.getLocation().getLineNumber();
                JsonValue entry = event == JsonParser.Event.START_OBJECT ? parser.getObject() : parser.getValue();
                try {
                    Scope scope = scope(entry);
                    Integer first = lines.putIfAbsent(scope.name(), (int) line);
                    if (first != null) {
                        throw new IllegalArgumentException("\"" + scope.name() + "\" is defined twice (first on line "
                                + first + ")");
                    }
                    scopes.add(scope);
                } catch (IllegalArgumentException e) {
                    problems.add("line " + line + ": " + e.getMessage());
                }
            }
        } catch (JsonException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage());
        }
        for (int i = 0; i < scopes.size(); i++) {
            for (int j = i + 1; j < scopes.size(); j++) {
                ambiguity(scopes.get(i), scopes.get(j)).ifPresent(problem -> problems.add("line "
                        + lines.get(problem.name()) + ": " + problem.text()));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        List<Scope> ordered = new ArrayList<>(scopes);
        // Of two scopes that share a request one is inside the other (checked above): the more scopes a scope is
        // inside of, the more specific it is.
        ordered.sort((a, b) -> Long.compare(inside(b, scopes), inside(a, scopes)));
        ordered.add(Scope.WHOLE_SITE);
        return List.copyOf(ordered);
    }

    private record Problem(String name, String text) {
    }

    private static Optional<Problem> ambiguity(Scope a, Scope b) {
        if (!a.overlaps(b)) {
            return Optional.empty();
        }
        if (a.within(b) && b.within(a)) {
            return Optional.of(new Problem(b.name(), "\"" + b.name() + "\" covers the same requests as \""
                    + a.name() + "\": give one of them a narrower host or path"));
        }
        if (!a.within(b) && !b.within(a)) {
            return Optional.of(new Problem(b.name(), "\"" + b.name() + "\" and \"" + a.name()
                    + "\" overlap but neither lies inside the other, so no page is the most specific for a request "
                    + "both cover: make one of them a part of the other (its hosts and paths within the other's)"));
        }
        return Optional.empty();
    }

    private static long inside(Scope scope, List<Scope> all) {
        return all.stream().filter(other -> other != scope && scope.within(other)).count();
    }

    static Scope scope(JsonValue value) {
        if (!(value instanceof JsonObject entry)) {
            throw new IllegalArgumentException("each scope must be an object such as {\"name\":\"shop\",\"hosts\":"
                    + "[\"shop.example.com\"]}");
        }
        for (String field : entry.keySet()) {
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException("unknown field \"" + field + "\"; known: name, hosts, paths, "
                        + "watchUrl");
            }
        }
        String name = entry.get("name") instanceof JsonString s ? s.getString() : "";
        if (!name.matches(Scope.NAME_PATTERN)) {
            throw new IllegalArgumentException("name must be 1 to 40 of a-z, 0-9 and -, not " + entry.get("name"));
        }
        if (name.equals(Scope.SITE)) {
            throw new IllegalArgumentException("\"site\" is the whole site, always there: name the scope otherwise");
        }
        List<String> hosts = texts(entry, "hosts").stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        for (String host : hosts) {
            if (!host.matches(HOST)) {
                throw new IllegalArgumentException("\"" + name + "\": \"" + host + "\" is not a host name (such as "
                        + "shop.example.com or *.example.com, without a port)");
            }
        }
        List<String> paths = texts(entry, "paths");
        for (String path : paths) {
            if (!path.startsWith("/") || path.chars().anyMatch(c -> c <= ' ' || c == '?' || c == '#')) {
                throw new IllegalArgumentException("\"" + name + "\": \"" + path + "\" is not a path prefix (such as "
                        + "/checkout/)");
            }
        }
        if (hosts.isEmpty() && paths.isEmpty()) {
            throw new IllegalArgumentException("\"" + name + "\" needs hosts, paths or both: it would be the whole site");
        }
        return new Scope(name, hosts, paths, watchUrl(name, entry.get("watchUrl")));
    }

    private static List<String> texts(JsonObject entry, String field) {
        JsonValue value = entry.get(field);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof JsonArray list) || list.isEmpty()
                || !list.stream().allMatch(v -> v instanceof JsonString)) {
            throw new IllegalArgumentException(field + " must be a list of texts with at least one, not " + value);
        }
        return list.getValuesAs(JsonString.class).stream().map(JsonString::getString).distinct().toList();
    }

    private static String watchUrl(String name, JsonValue value) {
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        String url = value instanceof JsonString s ? s.getString() : String.valueOf(value);
        try {
            URI uri = URI.create(url);
            if (uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                return url;
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw new IllegalArgumentException("\"" + name + "\": watchUrl must be an http:// or https:// URL, not " + value);
    }
}
