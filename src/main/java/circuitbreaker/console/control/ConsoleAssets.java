package circuitbreaker.console.control;

import circuitbreaker.page.control.InlineAssets;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;

/**
 * The console: one HTML document with its style and script inlined (no second request, nothing external), and a
 * policy as strict as the page's. It also allows the page's own style, because the preview shows the page in a
 * frame that inherits this policy (a srcdoc frame, sandboxed: the page's script never runs there).
 */
@ApplicationScoped
public class ConsoleAssets {

    private final String css = InlineAssets.read("/circuitbreaker/console/console.css");
    private final String js = InlineAssets.read("/circuitbreaker/console/console.js");
    private final byte[] html = InlineAssets.read("/circuitbreaker/console/console.html")
            .replace("/*CONSOLE_CSS*/", css).replace("/*CONSOLE_JS*/", js).getBytes(StandardCharsets.UTF_8);
    private final String policy = "default-src 'none'; style-src '" + InlineAssets.hash(css) + "' '"
            + InlineAssets.hash(InlineAssets.read(InlineAssets.CSS)) + "'; script-src '" + InlineAssets.hash(js)
            + "'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";

    public byte[] html() {
        return html.clone();
    }

    public String contentSecurityPolicy() {
        return policy;
    }
}
