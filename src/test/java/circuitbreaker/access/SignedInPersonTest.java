package circuitbreaker.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.security.enterprise.identitystore.openid.IdentityToken;
import jakarta.security.enterprise.identitystore.openid.JwtClaims;
import jakarta.security.enterprise.identitystore.openid.OpenIdClaims;
import jakarta.security.enterprise.identitystore.openid.OpenIdContext;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a provider's claim makes of a person, as the console's sign-in reads it. */
class SignedInPersonTest {

    static final OpenIdSettings SETTINGS = new OpenIdSettings();

    static {
        SETTINGS.claim = "circuit_breaker";
    }

    /** A signed-in person whose ID token (and, apart, user info) carry these values of the claim. */
    static OpenIdContext person(List<String> inToken, List<String> inUserInfo) {
        JwtClaims token = fake(JwtClaims.class, Map.of("getArrayStringClaim", inToken));
        IdentityToken identity = fake(IdentityToken.class, Map.of("getJwtClaims", token));
        OpenIdClaims info = fake(OpenIdClaims.class, Map.of("getArrayStringClaim", inUserInfo));
        return fake(OpenIdContext.class, Map.of("getIdentityToken", identity, "getClaims", info));
    }

    @SuppressWarnings("unchecked")
    static <T> T fake(Class<T> type, Map<String, Object> answers) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, arguments) -> answers.get(method.getName()));
    }

    static String who(OpenIdContext context, String name) {
        Identity identity = SignedInPerson.identify(context, name, SETTINGS, "ci-shop"::equals);
        return identity.known() ? identity.caller().role().key() + " " + identity.caller().scopes()
                : identity.status() + " " + identity.reason();
    }

    @Test
    void theClaimGivesTheRoleAndTheScopes() {
        assertEquals("operator []", who(person(List.of("operator"), List.of()), "alice"));
        assertEquals("operator [shop, api]", who(person(List.of("operator:shop", "operator:api"), List.of()), "bo"));
        assertEquals("operator []", who(person(List.of("operator:shop", "operator"), List.of()), "bo"),
                "every scope wins over one");
        assertEquals("viewer []", who(person(List.of("viewer"), List.of()), "grace"));
        assertEquals("operator [shop]", who(person(List.of("viewer", "operator:shop"), List.of()), "grace"));
        assertEquals("viewer []", who(person(List.of(), List.of("viewer")), "grace"), "from the user info");
    }

    @Test
    void noValueNoRightAndNoNameThatIsNotTheirs() {
        assertEquals("403 claim", who(person(List.of(), List.of()), "mallory"));
        assertEquals("403 claim", who(person(List.of("admin", "Operator"), List.of()), "mallory"));
        assertEquals("403 claim", who(person(List.of("operator"), List.of()), "ci-shop"), "a pipeline's name");
        assertEquals("403 claim", who(person(List.of("operator"), List.of()), "watcher"), "the breaker's own");
        assertEquals("403 claim", who(person(List.of("operator"), List.of()), "eve\nshop version 9 by alice"),
                "no line of its own in the log");
        assertEquals("operator []", who(person(List.of("operator"), List.of()), "alice@example.com"));
    }
}
