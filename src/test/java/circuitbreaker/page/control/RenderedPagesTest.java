package circuitbreaker.page.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import circuitbreaker.maintenance.entity.Status;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RenderedPagesTest {

    private final RenderedPages pages = new RenderedPages();
    private final AtomicInteger renders = new AtomicInteger();

    private static Status at(long countdown, String message) {
        return new Status(true, message, "", countdown, 0, 1_000_000L, 0, "active", "operator", 5, 2);
    }

    private byte[] page(Status status, String lang) throws Exception {
        return pages.page("site", status, lang, () -> lang + " " + status.message() + " " + status.countdown() + " #"
                + renders.incrementAndGet());
    }

    @Test
    void theSameStatusAndLanguageIsRenderedOnce() throws Exception {
        byte[] first = page(at(60, "Back soon"), "en");
        assertArrayEquals(first, page(at(60, "Back soon"), "en"));
        assertEquals(1, renders.get());
        assertEquals("en Back soon 60 #1", new String(first, StandardCharsets.UTF_8));
    }

    @Test
    void theNextSecondOrAnUpdateRendersAgain() throws Exception {
        page(at(60, "Back soon"), "en");
        assertEquals("en Back soon 59 #2", new String(page(at(59, "Back soon"), "en"), StandardCharsets.UTF_8));
        assertEquals("en Nearly there 59 #3",
                new String(page(at(59, "Nearly there"), "en"), StandardCharsets.UTF_8));
    }

    @Test
    void eachLanguageKeepsItsOwnPage() throws Exception {
        page(at(60, "Back soon"), "en");
        page(at(60, "Back soon"), "de");
        assertEquals("en Back soon 60 #1", new String(page(at(60, "Back soon"), "en"), StandardCharsets.UTF_8));
        assertEquals("de Back soon 60 #2", new String(page(at(60, "Back soon"), "de"), StandardCharsets.UTF_8));
        assertEquals(2, renders.get());
    }
}
