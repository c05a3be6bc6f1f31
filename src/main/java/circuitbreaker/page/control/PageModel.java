package circuitbreaker.page.control;

import circuitbreaker.maintenance.entity.Phase;
import circuitbreaker.maintenance.entity.Status;
import circuitbreaker.timeline.entity.TimelineEntry;
import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * What page.jsp shows for one request. Everything here is plain text: the page escapes it all on output.
 *
 * @param text the page's own words in the visitor's language
 * @param scope the scope whose page it is, for its live feed; null for the whole site
 * @param siteUrl where the visitor goes once the site answers healthy again; empty: where the visitor was
 * @param reloadAfter during a reopening, the seconds until everyone is in: a page without JavaScript reloads then
 */
public record PageModel(String scope, String lang, Map<String, String> text, Status status, String remaining, String startIso,
        String startText, String statusNote, String siteUrl, List<TimelineEntry> updates, long reloadAfter) {

    private static final DateTimeFormatter START = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /**
     * @param updates the current maintenance's changes, newest first
     * @param now the moment the page shows: during a reopening, the time left counts down to its end
     */
    public static PageModel of(String scope, Status status, String lang, String siteUrl, List<TimelineEntry> updates,
            long now) {
        Map<String, String> text = PageText.in(lang);
        Instant start = Instant.ofEpochMilli(status.startTime());
        long left = reopening(status) ? Math.max(0, (status.reopening().until() - now + 999) / 1000) : status.countdown();
        return new PageModel(scope, lang, text, status, clock(left), start.toString(), START.format(start),
                note(status, text), siteUrl, updates, reopening(status) ? left + 1 : 0);
    }

    static boolean reopening(Status status) {
        return Phase.REOPENING.key().equals(status.phase());
    }

    /** The site is up behind its waiting room: the page's words are the waiting room's. */
    static boolean admitting(Status status) {
        return Phase.ADMISSION.key().equals(status.phase());
    }

    /** With no maintenance on, the page's own words for why the visitor is here: a reopening, a crowd, or neither. */
    private String own(String what) {
        return text.get(reopening(status) ? "reopening." + what : admitting(status) ? "admission." + what
                : "idle." + what);
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
        if (reopening(status)) {
            return MessageFormat.format(text.get("reopening.note").replace("'", "''"),
                    TIME.format(Instant.ofEpochMilli(status.reopening().until())));
        }
        if (admitting(status)) {
            return text.get("admission.note");
        }
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
        return status.isActive() ? PageText.localized(status.message(), lang) : own("message");
    }

    public String issue() {
        return status.isActive() ? PageText.localized(status.currentIssue(), lang) : own("issue");
    }

    public String title() {
        return status.isActive() ? text.get("title") : message();
    }

    /** The breaker's own texts as stored, so the script can show them in the visitor's language too. */
    public Map<String, String> english() {
        return PageText.in(PageText.LANGUAGES.get(0));
    }

    public String phaseLabel() {
        return text.get("phase." + status.phase());
    }
}
