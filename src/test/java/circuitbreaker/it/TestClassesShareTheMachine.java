package circuitbreaker.it;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Integration test classes run in several JVMs at once (failsafe's forkCount); one marked {@link RunsAlone} runs with
 * none beside it. A read-write lock across JVMs on a file in {@code target/}: every class holds it shared, a lone one
 * exclusively. A turnstile (a second byte) is held by a lone class while it waits, so the others cannot keep it out
 * by taking turns. Registered for failsafe only, by ServiceLoader (junit.jupiter.extensions.autodetection.enabled).
 */
public class TestClassesShareTheMachine implements BeforeAllCallback, AfterAllCallback {

    private static final Path LOCK = Path.of(System.getProperty("it.lock", "target/it.lock"));
    private static final long TURNSTILE = 0;
    private static final long MACHINE = 1;

    // One instance per JVM, and a JVM runs one class at a time.
    private FileChannel channel;
    private FileLock held;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        Class<?> tests = context.getRequiredTestClass();
        if (tests.getEnclosingClass() != null) {
            return; // a @Nested class: its outer class holds the lock for it
        }
        boolean alone = tests.isAnnotationPresent(RunsAlone.class);
        channel = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try (FileLock turnstile = channel.lock(TURNSTILE, 1, false)) {
            held = channel.lock(MACHINE, 1, !alone);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (context.getRequiredTestClass().getEnclosingClass() == null && channel != null) {
            held.release();
            channel.close();
            channel = null;
        }
    }
}
