package circuitbreaker.access;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import java.lang.System.Logger.Level;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Decides at deployment whether the console signs people in through OpenID Connect: only when an issuer is
 * configured. Otherwise {@link OpenIdSettings} is vetoed, so no authentication mechanism exists and the server runs
 * none for any request.
 */
public class OpenIdChoice implements Extension {

    private static final System.Logger LOG = System.getLogger(OpenIdChoice.class.getName());

    void settings(@Observes ProcessAnnotatedType<OpenIdSettings> type) {
        boolean configured = ConfigProvider.getConfig().getOptionalValue(OpenIdSettings.ISSUER, String.class)
                .filter(issuer -> !issuer.isBlank()).isPresent();
        if (!configured) {
            type.veto();
        } else {
            LOG.log(Level.INFO, "The console signs people in through OpenID Connect");
        }
    }
}
