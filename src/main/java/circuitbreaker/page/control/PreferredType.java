package circuitbreaker.page.control;

import java.util.Locale;

/** Reads an Accept header just far enough to know whether the client would rather have JSON than HTML. */
public final class PreferredType {

    private PreferredType() {
    }

    public static boolean prefersJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        double json = 0;
        double html = 0;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            double quality = quality(parts);
            if (type.equals("application/json")) {
                json = Math.max(json, quality);
            } else if (type.equals("text/html") || type.equals("application/xhtml+xml")) {
                html = Math.max(html, quality);
            }
        }
        return json > 0 && json > html;
    }

    private static double quality(String[] parameters) {
        for (int i = 1; i < parameters.length; i++) {
            String parameter = parameters[i].strip();
            if (parameter.startsWith("q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
