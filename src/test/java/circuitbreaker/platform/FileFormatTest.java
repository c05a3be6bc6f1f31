package circuitbreaker.platform;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class FileFormatTest {

    static final Path FILE = Path.of("/var/lib/circuit-breaker/maintenance-status.json");

    @Test
    void theFormatIsWrittenAsTheFirstField() {
        assertEquals("{\n    \"format\": 1,\n    \"isActive\": true\n}", FileFormat.stamped("{\n    \"isActive\": true\n}"));
        assertEquals("{\n    \"format\": 1}", FileFormat.stamped("{}"));
    }

    @Test
    void aFileFromANewerReleaseIsRefusedByName() {
        FileFormat.NewerFormat refused = assertThrows(FileFormat.NewerFormat.class,
                () -> FileFormat.check(FILE, "{\"format\": 3, \"isActive\": true}"));
        assertTrue(refused.getMessage().startsWith(FILE + " is in format 3, written by a newer release"),
                refused.getMessage());
    }

    @Test
    void filesOfThisFormatOrWithoutOneOrNotEvenJsonPassTheCheck() {
        assertDoesNotThrow(() -> FileFormat.check(FILE, "{\"format\": 1, \"isActive\": true}"));
        assertDoesNotThrow(() -> FileFormat.check(FILE, "{\"isActive\": true}"), "written before the field existed");
        assertDoesNotThrow(() -> FileFormat.check(FILE, "{\"isActive\": tr"), "corrupt: handled as corrupt");
        assertDoesNotThrow(() -> FileFormat.check(FILE, "[1, 2]"), "not an object: handled as corrupt");
    }

    @Test
    void theStartScriptKnowsTheSameFormat() throws Exception {
        Matcher script = Pattern.compile("readonly file_format=(\\d+)")
                .matcher(Files.readString(Path.of("scripts/circuit-breaker.sh")));
        assertTrue(script.find(), "scripts/circuit-breaker.sh checks the files' format before it starts the service");
        assertEquals(FileFormat.CURRENT, Integer.parseInt(script.group(1)));
    }
}
