package circuitbreaker.page.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The page's style and script, inlined so the page needs no second request, and allowed by their SHA-256 hashes so
 * the Content-Security-Policy can forbid every other script and style.
 */
@ApplicationScoped
public class InlineAssets {

    /** The page's style, also allowed by the console, whose preview shows the page. */
    public static final String CSS = "/circuitbreaker/page/page.css";
    private static final Pattern BLOCK_COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);
    private static final Pattern STYLE_SPACE = Pattern.compile("\\s*([{};,>])\\s*|(:)\\s+");

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

    /** A bundled asset; a script or style sheet without its comments and indentation, which visitors need not load. */
    public static String read(String name) {
        try (InputStream in = InlineAssets.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing page asset " + name);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return name.endsWith(".css") ? compactStyle(text) : name.endsWith(".js") ? compact(text) : text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Drops what only a reader of the source needs: block comments, lines that are only a // comment, and indentation.
     * Line breaks stay, so a script reads exactly as written; comments at the end of a line of code stay too.
     */
    static String compact(String source) {
        StringBuilder kept = new StringBuilder(source.length());
        for (String line : BLOCK_COMMENT.matcher(source).replaceAll("").split("\n")) {
            String code = line.strip();
            if (!code.isEmpty() && !code.startsWith("//")) {
                kept.append(code).append('\n');
            }
        }
        return kept.toString();
    }

    /** A style sheet compacted, and on one line: no space around braces, semicolons, commas or after a colon. */
    static String compactStyle(String source) {
        return STYLE_SPACE.matcher(compact(source).replace('\n', ' ')).replaceAll("$1$2").strip();
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
