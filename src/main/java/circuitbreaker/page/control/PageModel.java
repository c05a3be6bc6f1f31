package circuitbreaker.page.control;

import circuitbreaker.maintenance.entity.Status;
import circuitbreaker.timeline.entity.TimelineEntry;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * What page.jsp shows for one request. Everything here is plain text: the page escapes it all on output.
 *
 * @param text the page's own words in the visitor's language
 * @param siteUrl where the visitor goes once the site answers healthy again
 */
public record PageModel(String lang, Map<String, String> text, Status status, String remaining, String startIso,
        String startText, String statusNote, String siteUrl, List<TimelineEntry> updates) {

    private static final DateTimeFormatter START = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /** @param updates the current maintenance's changes, newest first */
    public static PageModel of(Status status, String lang, String siteUrl, List<TimelineEntry> updates) {
        Map<String, String> text = PageText.in(lang);
        Instant start = Instant.ofEpochMilli(status.startTime());
        return new PageModel(lang, text, status, clock(status.countdown()), start.toString(), START.format(start),
                note(status, text), siteUrl, updates);
    }

    public String iso(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }

    public String time(long epochMillis) {
        return TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    public String localized(String text) {
        return PageText.localized(text, lang);
    }

    /** mm:ss, or h:mm:ss from an hour up; the page's script formats the same way. */
    public static String clock(long seconds) {
        long hours = seconds / 3600;
        long minutes = seconds / 60 % 60;
        return hours > 0
                ? String.format("%d:%02d:%02d", hours, minutes, seconds % 60)
                : String.format("%02d:%02d", minutes, seconds % 60);
    }

    private static String note(Status status, Map<String, String> text) {
        if (!status.isActive()) {
            return text.get("note.over");
        }
        if (status.estimatedCompletion() == null) {
            return text.get("note.unknown");
        }
        return status.countdown() == 0 ? text.get("note.overdue") : "";
    }

    /**
     * The message, in the visitor's language when the breaker wrote it itself. With no maintenance on, the page's own
     * words: a visitor reaches it then only because the site does not answer (or by asking the breaker directly).
     */
    public String message() {
        return status.isActive() ? PageText.localized(status.message(), lang) : text.get("idle.message");
    }

    public String issue() {
        return status.isActive() ? PageText.localized(status.currentIssue(), lang) : text.get("idle.issue");
    }

    public String title() {
        return text.get(status.isActive() ? "title" : "idle.message");
    }

    /** The breaker's own texts as stored, so the script can show them in the visitor's language too. */
    public Map<String, String> english() {
        return PageText.in(PageText.LANGUAGES.get(0));
    }

    public String phaseLabel() {
        return text.get("phase." + status.phase());
    }
}
