package circuitbreaker.it;

import java.io.File;
import java.net.URI;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The WAR that ships, on the pinned Payara Micro with the project's server-config, booted once for every black-box
 * test: each nested class is one capability, seen from outside over loopback.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class ServiceIT {

    static final Api API = new Api(URI.create("http://127.0.0.1:" + System.getProperty("it.http.port") + "/"));
    static final StateOnDisk STATE_FILE = new StateOnDisk();

    @Deployment(testable = false)
    public static WebArchive war() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("war.file")));
    }

    @Nested
    class Health extends HealthChecks {
    }

    @Nested
    class StatusApi extends StatusApiChecks {
    }

    @Nested
    class BadInput extends BadInputChecks {
    }

    @Nested
    class Page extends PageChecks {
    }

    @Nested
    class Socket extends SocketChecks {
    }

    @Nested
    class History extends HistoryChecks {
    }

    @Nested
    class Windows extends WindowsChecks {
    }

    @Nested
    class InTheBrowser extends BrowserChecks {
    }

    @Nested
    class Monitoring extends MonitoringChecks {
    }

    @Nested
    class Gate extends GateChecks {
    }

    @Nested
    class ConsoleApi extends ConsoleApiChecks {
    }
}
