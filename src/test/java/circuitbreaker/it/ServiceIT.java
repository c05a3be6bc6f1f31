package circuitbreaker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class ServiceIT {

    static final Api API = new Api(java.net.URI.create("http://127.0.0.1:" + System.getProperty("it.http.port") + "/"));

    @Deployment(testable = false)
    public static WebArchive war() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("war.file")));
    }

    @Test
    void outer() {
        assertEquals(200, API.get("/health").statusCode());
    }

    @Nested
    class A {
        @Test
        void a() {
            assertEquals(200, API.get("/health").statusCode());
        }
    }

    @Nested
    class B {
        @Test
        void b() {
            assertEquals(503, API.get("/").statusCode());
        }
    }
}
