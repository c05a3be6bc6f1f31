package circuitbreaker.page.control;

import circuitbreaker.maintenance.entity.Status;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The page as last rendered, per scope and language. The page shows nothing but the status (whose countdown changes once a
 * second) in the visitor's language, so every visitor in the same second gets the same bytes: under a crowd the
 * template runs a few times a second instead of once per visitor.
 */
@ApplicationScoped
public class RenderedPages {

    /** Renders the page for a status and language. */
    @FunctionalInterface
    public interface Renderer {
        String render() throws IOException;
    }

    private record Rendered(Status status, byte[] html) {
    }

    private final ConcurrentHashMap<String, Rendered> byLanguage = new ConcurrentHashMap<>();

    /** The page for this scope, status and language, rendered now only if the last one shows something else. */
    public byte[] page(String scope, Status status, String lang, Renderer renderer) throws IOException {
        String key = scope + " " + lang;
        Rendered last = byLanguage.get(key);
        if (last != null && last.status().equals(status)) {
            return last.html();
        }
        byte[] html = renderer.render().getBytes(StandardCharsets.UTF_8);
        byLanguage.put(key, new Rendered(status, html));
        return html;
    }
}
