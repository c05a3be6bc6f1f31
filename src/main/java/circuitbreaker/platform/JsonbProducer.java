package circuitbreaker.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;

/** The application's one JSON-B instance for everything on the wire: compact, and nulls written out. */
@ApplicationScoped
public class JsonbProducer {

    @Produces
    @ApplicationScoped
    Jsonb jsonb() {
        // Null values stay in the output: "estimatedCompletion": null means "no end known", not "field missing".
        return JsonbBuilder.create(new JsonbConfig().withNullValues(true));
    }

    void close(@Disposes Jsonb jsonb) throws Exception {
        jsonb.close();
    }
}
