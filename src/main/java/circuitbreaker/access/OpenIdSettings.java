package circuitbreaker.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.authentication.mechanism.http.OpenIdAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.openid.ClaimsDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.openid.LogoutDefinition;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The console's sign-in through the company's OpenID Connect provider, with Jakarta Security's own mechanism. It
 * exists only when CIRCUIT_BREAKER_OIDC_ISSUER is set ({@link OpenIdChoice} vetoes it otherwise): without it the
 * server runs no authentication module, and the gate pays nothing. The provider redirects back to
 * {@code <console's origin>/console/sign-in}; the person's rights come from {@link #getClaim() a claim} (see
 * {@link SignedInPerson}).
 */
@Named("circuitBreakerOpenId")
@ApplicationScoped
@OpenIdAuthenticationMechanismDefinition(
        providerURI = "${circuitBreakerOpenId.issuer}",
        clientId = "${circuitBreakerOpenId.clientId}",
        clientSecret = "${circuitBreakerOpenId.clientSecret}",
        redirectURI = "${baseURL}/console/sign-in",
        claimsDefinition = @ClaimsDefinition(callerNameClaim = "${circuitBreakerOpenId.nameClaim}",
                callerGroupsClaim = "${circuitBreakerOpenId.claim}"),
        // Signed out: back to the console (left empty, the mechanism would send the person to sign in again). When
        // the ID token expires the session ends, so rights taken away at the provider end with it.
        logout = @LogoutDefinition(redirectURI = "${baseURL}/console", identityTokenExpiry = true))
public class OpenIdSettings {

    public static final String ISSUER = "circuit.breaker.oidc.issuer";

    @Inject
    @ConfigProperty(name = ISSUER)
    Optional<String> issuer;

    @Inject
    @ConfigProperty(name = "circuit.breaker.oidc.client.id")
    Optional<String> clientId;

    @Inject
    @ConfigProperty(name = "circuit.breaker.oidc.client.secret")
    Optional<String> clientSecret;

    @Inject
    @ConfigProperty(name = "circuit.breaker.oidc.claim", defaultValue = "circuit_breaker")
    String claim;

    @Inject
    @ConfigProperty(name = "circuit.breaker.oidc.name.claim", defaultValue = "preferred_username")
    String nameClaim;

    public String getIssuer() {
        return issuer.orElse("");
    }

    public String getClientId() {
        return clientId.orElse("");
    }

    public String getClientSecret() {
        return clientSecret.orElse("");
    }

    /** The claim whose values say what a person may do: viewer, operator, or operator:SCOPE (one per scope). */
    public String getClaim() {
        return claim;
    }

    /** The claim that names the person in every change they make. */
    public String getNameClaim() {
        return nameClaim;
    }
}
