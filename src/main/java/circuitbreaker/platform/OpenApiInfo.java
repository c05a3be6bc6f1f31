package circuitbreaker.platform;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

/** Names the API and its release in the OpenAPI document (META-INF/microprofile-config.properties: mp.openapi.filter). */
public class OpenApiInfo implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.info(OASFactory.createInfo().title("Circuit Breaker Service").version(Build.CURRENT.version())
                .description("The maintenance page's operator API; build " + Build.CURRENT.commit()
                        + ". docs/api.md describes every field."));
    }
}
