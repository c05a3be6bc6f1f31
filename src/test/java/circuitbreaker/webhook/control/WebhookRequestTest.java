package circuitbreaker.webhook.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import circuitbreaker.webhook.entity.Delivery;
import circuitbreaker.webhook.entity.Subscriber;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WebhookRequestTest {

    static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";

    /** A retry hours after the event carries the retry's time, or a receiver refuses it as too old. */
    @Test
    void eachAttemptIsSignedWithItsOwnTimeUnderTheSameId() {
        Delivery delivery = new Delivery(ID, "http://127.0.0.1:9/hook", "maintenance.opened", 1_614_200_000L,
                Delivery.PENDING, 3, 0L, 500, "HTTP 500", 1_614_200_000_000L, "{\"test\": 2432232314}");
        Subscriber subscriber = new Subscriber(delivery.url(), "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", Set.of(),
                "standard");
        HttpRequest attempt = WebhookRequest.of(delivery, subscriber, 1_614_265_330L, Duration.ofSeconds(10));
        assertEquals(ID, attempt.headers().firstValue("webhook-id").orElseThrow());
        assertEquals("1614265330", attempt.headers().firstValue("webhook-timestamp").orElseThrow());
        // The specification's example for this id, time and body: signed over the attempt's time, not the event's.
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                attempt.headers().firstValue("webhook-signature").orElseThrow());
    }
}
