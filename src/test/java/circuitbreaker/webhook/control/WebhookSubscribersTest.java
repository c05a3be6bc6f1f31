package circuitbreaker.webhook.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import circuitbreaker.webhook.entity.Subscriber;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookSubscribersTest {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @TempDir
    Path folder;

    @Test
    void eachBadReceiverIsLeftOutAndTheRestKept() throws Exception {
        Path file = folder.resolve("webhooks.json");
        Files.writeString(file, "[{\"url\":\"https://ci.example.org/hook\",\"secret\":\"" + SECRET + "\"},"
                + "{\"url\":\"ftp://example.org\",\"secret\":\"" + SECRET + "\"},"
                + "{\"url\":\"https://a.example.org\",\"secret\":\"secret\"},"
                + "{\"url\":\"https://b.example.org\",\"secret\":\"" + SECRET + "\",\"events\":[\"site.exploded\"]},"
                + "{\"url\":\"https://chat.example.org\",\"secret\":\"" + SECRET + "\",\"events\":[\"breaker.tripped\"],"
                + "\"format\":\"slack\"}]");
        assertEquals(List.of(new Subscriber("https://ci.example.org/hook", SECRET, Set.of(), "standard"),
                new Subscriber("https://chat.example.org", SECRET, Set.of("breaker.tripped"), "slack")),
                WebhookSubscribers.read(file));
    }

    @Test
    void anUnreadableOrBrokenFileMeansNoReceivers() throws Exception {
        assertEquals(List.of(), WebhookSubscribers.read(folder.resolve("missing.json")));
        Path broken = Files.writeString(folder.resolve("broken.json"), "[{\"url\": ");
        assertEquals(List.of(), WebhookSubscribers.read(broken));
    }
}
