package circuitbreaker.it;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** For tests that need an instance of their own (restarts, kills, script runs): a folder, and a stop at the end. */
abstract class OwnServiceTest {

    @TempDir
    Path work;

    ServiceProcess service;

    @AfterEach
    void stopService() {
        if (service != null) {
            service.stopQuietly();
        }
    }
}
