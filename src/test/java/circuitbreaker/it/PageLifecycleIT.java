package circuitbreaker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The page in a real Chromium across what happens around it: the breaker restarting, the site coming back. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PageLifecycleIT {

    @TempDir
    static Path work;

    ServiceProcess service;

    /** One instance for both tests: each begins with a state of its own and leaves the service running. */
    @BeforeAll
    void start() throws Exception {
        service = new ServiceProcess(work, Map.of());
        service.start();
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.stopQuietly();
        }
    }

    String state(String json) {
        return service.api().post(json, "Content-Type", "application/json").body();
    }

    boolean connection(Browser browser, String expected) {
        return expected.equals(browser.element("connection").getAttribute("data-state"));
    }

    @Test
    void thePageNoticesTheServerGoingAwayAndReconnectsByItselfAndResynchronises() throws Exception {
        state("{\"message\":\"Before the restart\",\"countdown\":1800}");
        try (Browser browser = new Browser()) {
            browser.open(service.api().base());
            browser.await("live", Duration.ofSeconds(10), d -> connection(browser, "live"));

            assertEquals(0, service.script("stop").exitCode());
            long stopped = System.nanoTime();
            browser.await("the indicator to show the lost connection", Duration.ofSeconds(5),
                    d -> connection(browser, "lost"));
            assertTrue((System.nanoTime() - stopped) / 1_000_000 < 5000);
            assertEquals("Connection lost, reconnecting…", browser.text("connection-text"));

            // While it is down the operator edits the state file; the page must pick up the new state.
            Path file = service.stateFile();
            Files.writeString(file, Files.readString(file).replace("Before the restart", "After the restart"));
            service.start();
            browser.await("live again, without a reload", Duration.ofSeconds(45), d -> connection(browser, "live"));
            browser.awaitText("message", "After the restart", Duration.ofSeconds(5));
        }
    }

    @Test
    void whenMaintenanceEndsAndTheSiteAnswersTheVisitorIsTakenBack() throws Exception {
        state("{\"message\":\"Back soon\",\"countdown\":600}");
        int mainPort = ServiceProcess.freePort();
        try (FrontProxy front = new FrontProxy(work, mainPort, service.port); Browser browser = new Browser()) {
            browser.open(front.uri());
            assertEquals("Back soon", browser.text("message"));
            browser.await("live through nginx", Duration.ofSeconds(10), d -> connection(browser, "live"));

            browser.networkEvents(); // read: from here on only the page's checks of the site count
            state("{\"isActive\":false}");
            browser.awaitText("note", PageChecks.NOTE_OVER, Duration.ofSeconds(3));
            List<JsonObject> checks = new ArrayList<>();
            browser.await("the page to ask the site twice, and get the breaker's page", Duration.ofSeconds(10), d -> {
                browser.networkEvents().stream().filter(e -> e.getString("method").equals("Network.responseReceived"))
                        .map(e -> e.getJsonObject("params").getJsonObject("response"))
                        .filter(r -> r.getString("url").equals(front.uri().toString())).forEach(checks::add);
                return checks.size() >= 2;
            });
            assertTrue(checks.stream().allMatch(r -> r.getInt("status") == 503), checks.toString());
            assertEquals(PageChecks.IDLE_MESSAGE, browser.text("message"), "the site is still down (502): the visitor stays");

            var site = FrontProxy.mainSite(mainPort);
            try {
                browser.await("the visitor to be on the real site", Duration.ofSeconds(30),
                        d -> "Main site".equals(d.getTitle()));
                assertEquals(front.uri().toString(), browser.driver.getCurrentUrl());
            } finally {
                site.stop(0);
            }
        }
    }
}
