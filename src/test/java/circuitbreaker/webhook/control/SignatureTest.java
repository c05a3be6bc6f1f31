package circuitbreaker.webhook.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SignatureTest {

    /** The example of the Standard Webhooks specification (also what its reference library computes). */
    @Test
    void signsTheSpecificationsExampleExactly() {
        byte[] key = Signature.key("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                Signature.sign(key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}"));
    }

    @Test
    void aSecretThatIsNotWhsecBase64IsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Signature.key("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
        assertThrows(IllegalArgumentException.class, () -> Signature.key("whsec_not base64!"));
        assertThrows(IllegalArgumentException.class, () -> Signature.key("whsec_c2hvcnQ="));
        assertThrows(IllegalArgumentException.class, () -> Signature.key(null));
    }
}
