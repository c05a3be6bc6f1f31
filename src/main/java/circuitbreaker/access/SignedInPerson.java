package circuitbreaker.access;

import jakarta.security.enterprise.identitystore.openid.OpenIdContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A person signed in to the console through OpenID Connect, as an operator: their name from the name claim, their
 * rights from the role claim (the ID token's, else the user info's). {@code viewer} reads; {@code operator} changes
 * every scope; {@code operator:shop} changes the shop (one value per scope). No such value: no rights, and the
 * refusal says which claim was missing.
 */
final class SignedInPerson {

    private SignedInPerson() {
    }

    /** What a name from a provider may be: it goes into every change's {@code by} and into the log as it is. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@+-]{1,128}");

    /** @param named whether the operators file names someone so: a person may not sign as a pipeline */
    static Identity identify(OpenIdContext context, String name, OpenIdSettings settings, Predicate<String> named) {
        if (name == null || !NAME.matcher(name).matches() || OperatorsFile.RESERVED.contains(name)
                || named.test(name)) {
            return Identity.refused(403, "claim", "the identity provider names you '" + (name == null ? ""
                    : name.replaceAll("[^\\x20-\\x7e]", "?")) + "', which the breaker cannot record as yours: "
                    + "it is taken by an operator or the breaker itself, or is not 1 to 128 of letters, digits and "
                    + "._@+-. Ask whoever manages the provider");
        }
        List<String> values = values(context, settings.getClaim());
        List<String> scopes = new ArrayList<>();
        boolean operator = false;
        boolean everyScope = false;
        boolean viewer = false;
        for (String value : values) {
            if (value.equals(Role.OPERATOR_KEY)) {
                operator = everyScope = true;
            } else if (value.startsWith(Role.OPERATOR_KEY + ":")) {
                operator = true;
                scopes.add(value.substring(Role.OPERATOR_KEY.length() + 1));
            } else if (value.equals(Role.VIEWER_KEY)) {
                viewer = true;
            }
        }
        if (operator) {
            return Identity.of(new Caller(name, Role.OPERATOR, everyScope ? List.of() : scopes));
        }
        if (viewer) {
            return Identity.of(new Caller(name, Role.VIEWER, List.of()));
        }
        return Identity.refused(403, "claim", "you are signed in as " + name + ", but the identity provider gives you "
                + "no right in the breaker: your claim '" + settings.getClaim() + "' needs viewer, operator or "
                + "operator:SCOPE. Ask whoever manages the provider");
    }

    /** The claim's values: from the ID token where it has them, else from the user info. */
    private static List<String> values(OpenIdContext context, String claim) {
        List<String> fromToken = context.getIdentityToken() == null ? List.of()
                : context.getIdentityToken().getJwtClaims().getArrayStringClaim(claim);
        return fromToken.isEmpty() && context.getClaims() != null ? context.getClaims().getArrayStringClaim(claim)
                : fromToken;
    }
}
