package circuitbreaker.page.control;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;

/** The page's own words (labels, not the operator's text) in the visitor's language, from Accept-Language. */
public final class PageText {

    public static final List<String> LANGUAGES = List.of("en", "de", "fr", "es");
    /** Texts the breaker writes itself (not an operator): stored in English, shown in the visitor's language. */
    public static final String WATCHER_MESSAGE = "auto.watcher.message";
    public static final String WATCHER_ISSUE = "auto.watcher.issue";
    private static final List<String> AUTOMATIC = List.of(WATCHER_MESSAGE, WATCHER_ISSUE);
    private static final Map<String, Map<String, String>> BUNDLES = new ConcurrentHashMap<>();

    private PageText() {
    }

    /** The first supported language among the visitor's preferences (already ordered by quality), else English. */
    public static String language(Iterable<Locale> preferred) {
        for (Locale locale : preferred) {
            if (LANGUAGES.contains(locale.getLanguage())) {
                return locale.getLanguage();
            }
        }
        return LANGUAGES.get(0);
    }

    public static String english(String key) {
        return in(LANGUAGES.get(0)).get(key);
    }

    /** The text in the visitor's language if the breaker wrote it; an operator's text exactly as written. */
    public static String localized(String text, String language) {
        for (String key : AUTOMATIC) {
            if (english(key).equals(text)) {
                return in(language).get(key);
            }
        }
        return text;
    }

    public static Map<String, String> in(String language) {
        return BUNDLES.computeIfAbsent(language, PageText::load);
    }

    private static Map<String, String> load(String language) {
        ResourceBundle bundle = ResourceBundle.getBundle("circuitbreaker.page.PageText", Locale.forLanguageTag(language),
                PageText.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        Map<String, String> words = new java.util.HashMap<>();
        for (String key : bundle.keySet()) {
            words.put(key, bundle.getString(key));
        }
        return Map.copyOf(words);
    }
}
