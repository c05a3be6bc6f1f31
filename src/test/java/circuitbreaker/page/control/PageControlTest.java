package circuitbreaker.page.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class PageControlTest {

    @Test
    void clockIsMinutesAndSecondsThenHours() {
        assertEquals("00:00", PageModel.clock(0));
        assertEquals("01:05", PageModel.clock(65));
        assertEquals("59:59", PageModel.clock(3599));
        assertEquals("1:00:00", PageModel.clock(3600));
        assertEquals("168:00:00", PageModel.clock(7 * 24 * 3600));
    }

    @Test
    void languageIsTheFirstSupportedPreference() {
        assertEquals("de", PageText.language(List.of(Locale.forLanguageTag("de-AT"), Locale.ENGLISH)));
        assertEquals("fr", PageText.language(List.of(Locale.JAPANESE, Locale.FRENCH)));
        assertEquals("en", PageText.language(List.of(Locale.JAPANESE)));
    }

    @Test
    void everyLanguageHasEveryWord() {
        var english = PageText.in("en").keySet();
        for (String language : PageText.LANGUAGES) {
            assertEquals(english, PageText.in(language).keySet(), language);
        }
        assertEquals("Verbleibende Zeit", PageText.in("de").get("label.remaining"));
    }

    @Test
    void jsonOnlyWhenPreferredOverHtml() {
        assertTrue(PreferredType.prefersJson("application/json"));
        assertTrue(PreferredType.prefersJson("text/html;q=0.5, application/json"));
        assertFalse(PreferredType.prefersJson("text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.8"));
        assertFalse(PreferredType.prefersJson("*/*"));
        assertFalse(PreferredType.prefersJson(null));
        assertFalse(PreferredType.prefersJson("application/json;q=0"));
        assertFalse(PreferredType.prefersJson("application/json;q=oops"));
    }

    @Test
    void policyAllowsExactlyTheInlinedAssets() {
        InlineAssets assets = new InlineAssets();
        String policy = assets.contentSecurityPolicy();
        assertTrue(policy.contains("script-src '" + InlineAssets.hash(assets.js()) + "'"));
        assertTrue(policy.contains("style-src '" + InlineAssets.hash(assets.css()) + "'"));
        assertTrue(policy.startsWith("default-src 'none'"));
    }
}
