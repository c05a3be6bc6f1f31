package circuitbreaker.it;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * A company's OpenID Connect provider (npm oidc-provider, src/test/node/oidc-provider.js) as a process of its own on
 * loopback: its own login and consent pages, and a claim "circuit_breaker" per person (alice: operator:checkout,
 * grace: viewer, anyone else: none).
 */
final class OpenIdProvider implements AutoCloseable {

    static final String CLIENT_ID = "circuit-breaker-console";
    static final String CLIENT_SECRET = "console-secret-" + System.nanoTime();

    final int port;
    private Process process;

    OpenIdProvider(int port) {
        this.port = port;
    }

    URI issuer() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** @param redirectUri where it may send people back: the console's sign-in */
    OpenIdProvider start(URI redirectUri) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of("node", "src/test/node/oidc-provider.js",
                Integer.toString(port), CLIENT_ID, CLIENT_SECRET, redirectUri.toString())).redirectErrorStream(true);
        builder.environment().put("NODE_PATH", System.getProperty("node.modules"));
        process = builder.start();
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        StringBuilder said = new StringBuilder();
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            if (line.equals("provider ready")) {
                Thread drain = new Thread(() -> output.lines().forEach(l -> { })); // it may warn later: keep reading
                drain.setDaemon(true);
                drain.start();
                return this;
            }
            said.append(line).append('\n');
        }
        throw new AssertionError("the OpenID provider did not start:\n" + said);
    }

    /** A person signs in to the console through the provider's own login and consent pages, as people do. */
    static void signIn(Browser browser, URI console, String login) {
        Duration soon = Duration.ofSeconds(15);
        browser.open(console);
        browser.await("the provider's sign-in link", soon, d -> browser.element("provider-sign-in").isDisplayed());
        browser.driver.findElement(By.cssSelector("#provider-sign-in a")).click();
        browser.await("the provider's login page", soon, d -> !d.findElements(By.name("login")).isEmpty());
        browser.driver.findElement(By.name("login")).sendKeys(login);
        browser.driver.findElement(By.name("password")).sendKeys("any", Keys.ENTER);
        browser.await("the provider's consent page", soon, d -> d.getPageSource().contains("Continue"));
        browser.driver.findElement(By.cssSelector("button[type=submit]")).click();
        browser.await("back at the console", soon, d -> d.getCurrentUrl().equals(console.toString()));
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
        }
    }
}
