package circuitbreaker.access;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and checks the operators file (`circuit-breaker-status operator` writes it). Any mistake refuses the whole
 * file with every problem named, so a typo never silently drops an operator's rights or grants more.
 */
public final class OperatorsFile {

    /** The operator CIRCUIT_BREAKER_TOKEN stands for. */
    public static final String DEFAULT = "default";
    /** Names that already mean something in a change's {@code by}. */
    static final Set<String> RESERVED = Set.of(DEFAULT, "loopback", "watcher", "window", "deploy");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern SCOPE = Pattern.compile("[a-z0-9-]{1,40}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    /** The SHA-256 of nothing: a token made from an unset variable, which every request without one would match. */
    private static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private OperatorsFile() {
    }

    /** No file: no operators. */
    public static OperatorBook read(Path path) throws IOException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return OperatorBook.NONE;
        }
        return parse(text);
    }

    /** @throws IOException naming every problem */
    public static OperatorBook parse(String text) throws IOException {
        OperatorBook book;
        try (Jsonb jsonb = JsonbBuilder.create()) {
            book = jsonb.fromJson(text, OperatorBook.class);
        } catch (JsonbException e) {
            throw new IOException("it is not an operators file ({\"version\": N, \"operators\": [...]}): "
                    + e.getMessage(), e);
        } catch (Exception e) {
            throw new IOException(e.getMessage(), e);
        }
        if (book == null) {
            throw new IOException("it is empty");
        }
        List<String> problems = problems(book);
        if (!problems.isEmpty()) {
            throw new IOException(String.join("; ", problems));
        }
        return book;
    }

    static List<String> problems(OperatorBook book) {
        List<String> problems = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> hashes = new HashSet<>();
        for (Operator operator : book.operators()) {
            String name = operator.name();
            if (name == null || !NAME.matcher(name).matches()) {
                problems.add("an operator's name must be 1 to 64 of a-z, 0-9, '.', '_' and '-', starting with a "
                        + "letter or digit, not '" + name + "'");
                continue;
            }
            if (RESERVED.contains(name)) {
                problems.add("'" + name + "' is a reserved name (" + String.join(", ", RESERVED.stream().sorted()
                        .toList()) + ")");
            }
            if (!names.add(name)) {
                problems.add("'" + name + "' is named twice");
            }
            if (!Role.VIEWER_KEY.equals(operator.role()) && !Role.OPERATOR_KEY.equals(operator.role())) {
                problems.add(name + ": role must be viewer or operator, not '" + operator.role() + "'");
            }
            operator.scopes().stream().filter(scope -> scope == null || !SCOPE.matcher(scope).matches())
                    .forEach(scope -> problems.add(name + ": '" + scope + "' is not a scope's name"));
            for (OperatorToken token : operator.tokens()) {
                if (token == null || token.sha256() == null || !SHA256.matcher(token.sha256()).matches()) {
                    problems.add(name + ": a token's sha256 must be 64 lower-case hex digits");
                } else if (token.sha256().equals(EMPTY)) {
                    problems.add(name + ": token " + token.id() + " is the hash of an empty token");
                } else if (!hashes.add(token.sha256())) {
                    problems.add(name + ": token " + token.id() + " is listed twice");
                }
            }
        }
        return problems;
    }
}
