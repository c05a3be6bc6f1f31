package circuitbreaker.access;

import circuitbreaker.platform.FailsAlone;
import circuitbreaker.platform.Second;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The named operators of CIRCUIT_BREAKER_OPERATORS_FILE (default: operators.json beside the state file), looked at
 * every second so a change made by `circuit-breaker-status operator` holds within 2 s; a newer book another member
 * announces is followed too (kept in memory: the file is the operator's). A file that cannot be used at deployment stops
 * it; one that breaks later is refused and the last good book stays, with the reason in the log.
 */
@ApplicationScoped
public class Operators {

    private static final System.Logger LOG = System.getLogger(Operators.class.getName());

    private Path file;
    private volatile OperatorBook book = OperatorBook.NONE;
    private volatile Map<String, Caller> byHash = Map.of();
    private volatile Object stamp;
    private final Set<String> conflicts = ConcurrentHashMap.newKeySet();

    @Inject
    Event<OperatorsChanged> changed;

    protected Operators() {
    }

    @Inject
    public Operators(@ConfigProperty(name = "circuit.breaker.operators.file") Optional<String> location,
            @ConfigProperty(name = "circuit.breaker.state.file", defaultValue = "maintenance-status.json")
            String stateFile) {
        file = location.filter(l -> !l.isBlank()).map(Path::of)
                .orElseGet(() -> Path.of(stateFile).toAbsolutePath().resolveSibling("operators.json"));
        try {
            stamp = stampOf(file);
            use(OperatorsFile.read(file));
        } catch (IOException e) {
            throw new IllegalStateException("The operators file " + file + " cannot be used: " + e.getMessage(), e);
        }
        LOG.log(Level.INFO, book.operators().isEmpty() ? "No operators in {0}" : "Operators from {0}: {1}", file,
                String.join(", ", book.operators().stream().map(Operator::name).toList()));
    }

    /** Reads the file at deployment, not at the first tick, so a file with a mistake stops the start. */
    void loadAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        book();
    }

    /** The operator whose token this is (its SHA-256, hex), if any. */
    public Optional<Caller> holderOf(String sha256) {
        return Optional.ofNullable(byHash.get(sha256));
    }

    public OperatorBook book() {
        return book;
    }

    /** The fleet members heard following other operators at the same version, by name: nobody wins such a tie. */
    public List<String> conflicting() {
        return conflicts.stream().sorted().toList();
    }

    /** Whether the file names an operator so. */
    public boolean named(String name) {
        return book.operators().stream().anyMatch(operator -> operator.name().equals(name));
    }

    /** Whether anyone is named (even with no token left): then every caller needs a token. */
    public boolean any() {
        return !book.operators().isEmpty();
    }

    @FailsAlone
    void second(@ObservesAsync Second second) {
        Object now = stampOf(file);
        if (!Objects.equals(now, stamp)) {
            reread(now);
        }
    }

    /** The file changed: taken when newer than the book followed now (checked and taken in one step with adopt). */
    private synchronized void reread(Object now) {
        stamp = now;
        try {
            OperatorBook read = OperatorsFile.read(file);
            if (read.isNewerThan(book)) {
                LOG.log(Level.INFO, "Operators file {0} changed: version {1}, {2} operators", file, read.version(),
                        read.operators().size());
                use(read);
                changed.fire(new OperatorsChanged(read, true));
            } else if (read.conflictsWith(book)) {
                LOG.log(Level.ERROR, "The operators file {0} and the fleet's operators differ at the same version {1}: "
                        + "neither is taken. Change operators on one member and copy its file to the others", file,
                        read.version());
            } else if (!read.equals(book)) {
                LOG.log(Level.WARNING, "The operators file {0} changed to version {1}, but the fleet follows version "
                        + "{2}: change operators on one member and copy its file to the others", file, read.version(),
                        book.version());
            }
        } catch (IOException e) {
            LOG.log(Level.ERROR, "The operators file {0} changed but cannot be used, so the operators stay as they "
                    + "were: {1}", file, e.getMessage());
        }
    }

    /** Another member's book: followed when it is newer than this one's. */
    public synchronized boolean adopt(OperatorBook other, String from) {
        if (other != null && other.conflictsWith(book) && conflicts.add(from)) {
            LOG.log(Level.ERROR, "{0} follows other operators than this member at the same version {1}: neither is "
                    + "taken. Change operators on one member and copy its file to the others", from, book.version());
        }
        if (other == null || !other.isNewerThan(book)) {
            return false;
        }
        conflicts.clear();
        LOG.log(Level.INFO, "Took operators version {0} from {1}", other.version(), from);
        use(other);
        changed.fire(new OperatorsChanged(other, false));
        return true;
    }

    private synchronized void use(OperatorBook next) {
        Map<String, Caller> index = new HashMap<>();
        for (Operator operator : next.operators()) {
            operator.tokens().forEach(token -> index.put(token.sha256(), operator.caller()));
        }
        byHash = Map.copyOf(index);
        book = next;
    }

    /** When and how the file last changed: a rename or a rewrite both show. Null while it is missing. */
    private static Object stampOf(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.lastModifiedTime() + "/" + attributes.size() + "/" + attributes.fileKey();
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return e.toString();
        }
    }

    public static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
