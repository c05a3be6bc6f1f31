package circuitbreaker.page.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The page's style and script, inlined so the page needs no second request, and allowed by their SHA-256 hashes so
 * the Content-Security-Policy can forbid every other script and style.
 */
@ApplicationScoped
public class InlineAssets {

    /** The page's style, also allowed by the console, whose preview shows the page. */
    public static final String CSS = "/circuitbreaker/page/page.css";

    private final String css = read(CSS);
    private final String js = read("/circuitbreaker/page/page.js");
    private final String policy = "default-src 'none'; style-src '" + hash(css) + "'; script-src '" + hash(js)
            + "'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public String css() {
        return css;
    }

    public String js() {
        return js;
    }

    public String contentSecurityPolicy() {
        return policy;
    }

    public static String read(String name) {
        try (InputStream in = InlineAssets.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing page asset " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String hash(String content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
