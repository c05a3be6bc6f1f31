package circuitbreaker.it;

import static circuitbreaker.it.ServiceIT.API;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every other path answers the maintenance page: 503, Retry-After, no caching, strict security headers. */
abstract class PageChecks {

    /** What the page says while no maintenance is on: a visitor reaches it then only when the site does not answer. */
    static final String IDLE_MESSAGE = "We will be right back.";
    static final String NOTE_OVER = "No maintenance is under way. This page takes you to the site as soon as it answers.";

    @Test
    void withNoMaintenanceOnThePageSaysSoInsteadOfAnOldMessage() {
        API.post("{\"message\":\"An old maintenance\",\"currentIssue\":\"Old work\",\"countdown\":60}");
        API.post("{\"isActive\":false}");
        HttpResponse<String> page = API.get("/circuit-breaker/page");
        assertEquals(503, page.statusCode(), "still the page: the site behind it does not answer");
        assertTrue(page.body().contains("<title>" + IDLE_MESSAGE + "</title>"), page.body());
        assertTrue(page.body().contains(">" + IDLE_MESSAGE + "</h1>"), page.body());
        assertTrue(page.body().contains(NOTE_OVER));
        assertFalse(page.body().contains("An old maintenance") || page.body().contains("Old work"), page.body());
        String german = API.get("/elsewhere", "Accept-Language", "de").body();
        assertTrue(german.contains(">Wir sind gleich zurück.</h1>"), german);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/deep/path?x=1", "/index.html", "/api", "/healthz"})
    void anyOtherPathAnswersThePageAs503(String path) {
        API.post("{\"message\":\"Page message\",\"currentIssue\":\"Page issue\",\"countdown\":900}");
        HttpResponse<String> page = API.get(path);
        assertEquals(503, page.statusCode());
        long retryAfter = Long.parseLong(page.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 890 && retryAfter <= 900, "Retry-After is the time left: " + retryAfter);
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElseThrow());
        assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(page.body().contains("Page message") && page.body().contains("Page issue"));
        assertTrue(page.body().matches("(?s).*id=\"countdown\"[^>]*>(14:5\\d|15:00)<.*"), "server-rendered mm:ss");
    }

    @Test
    void carriesStrictSecurityHeadersAndNoCookie() {
        HttpResponse<String> page = API.get("/");
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(policy.contains("default-src 'none'"), policy);
        assertTrue(policy.contains("script-src 'sha256-"), policy);
        assertFalse(policy.contains("unsafe-inline"), policy);
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElseThrow());
        assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElseThrow());
        assertTrue(page.headers().firstValue("Set-Cookie").isEmpty(), "no session cookie");
        assertTrue(page.headers().firstValue("X-Powered-By").isEmpty(), "no X-Powered-By");
        assertFalse(page.headers().firstValue("Server").orElse("").matches(".*\\d.*"), "no version in Server");
    }

    @Test
    void headAnswersTheSameHeadersWithoutABody() {
        HttpResponse<String> head = API.head("/some/page");
        assertEquals(503, head.statusCode());
        assertTrue(head.headers().firstValue("Retry-After").isPresent());
        assertEquals("no-store", head.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals("", head.body());
    }

    @Test
    void withNoEndKnownRetryAfterIsTheConfiguredDefault() {
        API.post("{\"estimatedCompletion\":null}");
        assertEquals("300", API.get("/").headers().firstValue("Retry-After").orElseThrow());
    }

    @Test
    void operatorTextIsEscapedNotInterpreted() {
        String message = "<script>alert('x')</script>";
        String issue = "\"><img src=x onerror=alert(1)>";
        API.post(Json.createObjectBuilder().add("message", message).add("currentIssue", issue).build().toString());
        String body = API.get("/").body();
        assertFalse(body.contains(message), "no raw script from the operator");
        assertFalse(body.contains("<img src=x"), "no raw markup from the operator");
        assertTrue(body.contains("&lt;script&gt;alert(&#039;x&#039;)&lt;/script&gt;"), "shown as text");
        assertTrue(body.contains("&#034;&gt;&lt;img src=x onerror=alert(1)&gt;"), "shown as text");
    }

    @Test
    void aClientThatPrefersJsonGetsA503JsonNotice() {
        API.post("{\"message\":\"JSON notice\",\"countdown\":120}");
        HttpResponse<String> response = API.get("/anything", "Accept", "application/json");
        assertEquals(503, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        JsonObject notice = Api.json(response);
        assertEquals("JSON notice", notice.getString("message"));
        long retryAfter = notice.getJsonNumber("retryAfter").longValue();
        assertTrue(retryAfter > 100 && retryAfter <= 120);
        assertEquals(Long.toString(retryAfter), response.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(API.get("/anything", "Accept", "text/html,application/json;q=0.9").body().startsWith("<!DOCTYPE"));
    }

    @Test
    void pageWordsFollowAcceptLanguageAndTheOperatorsTextStaysAsWritten() {
        API.post("{\"message\":\"Operator wrote this\"}");
        HttpResponse<String> german = API.get("/", "Accept-Language", "de-DE,de;q=0.9,en;q=0.5");
        assertTrue(german.body().contains("<html lang=\"de\">"));
        assertTrue(german.body().contains("Verbleibende Zeit"));
        assertTrue(german.body().contains("Operator wrote this"));
        assertTrue(API.get("/", "Accept-Language", "fr").body().contains("Temps restant"));
        assertTrue(API.get("/", "Accept-Language", "es-MX").body().contains("Tiempo restante"));
        assertTrue(API.get("/", "Accept-Language", "ja").body().contains("Time remaining"), "English otherwise");
    }

    @Test
    void isSelfContainedAndSmall() {
        String body = API.get("/").body();
        assertFalse(body.matches("(?s).*(src|href)=\"(https?:)?//.*"), "nothing loaded from another origin");
        assertFalse(body.matches("(?s).*<link[^>]*stylesheet.*"), "no external style sheets");
        assertTrue(body.contains("<link rel=\"icon\" href=\"data:image/svg+xml,"), "an inline icon: no second request");
        int bytes = body.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(bytes < 30 * 1024, "page weighs " + bytes + " bytes");
    }

    @Test
    void otherMethodsOnPagePathsLandOnThePageToo() {
        HttpResponse<String> response = API.post("name=x", "Content-Type", "application/x-www-form-urlencoded");
        assertEquals(415, response.statusCode(), "the API path keeps its own rules");
        HttpResponse<String> form = API.send("/contact", "POST", "name=x");
        assertEquals(503, form.statusCode());
        assertTrue(form.body().startsWith("<!DOCTYPE html>"));
    }
}
