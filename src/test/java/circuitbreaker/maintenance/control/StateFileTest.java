package circuitbreaker.maintenance.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import circuitbreaker.maintenance.entity.Author;
import circuitbreaker.maintenance.entity.MaintenanceState;
import circuitbreaker.maintenance.entity.Scope;
import circuitbreaker.platform.FileFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileTest {

    @TempDir
    Path folder;

    final MaintenanceState state = new MaintenanceState(true, "Back \"soon\" 🦄\nreally", "DB", 1000, 5000L, 2000, 7, "watcher");

    StateFile at(Path path) {
        return new StateFile(path.toString());
    }

    @Test
    void aMissingFileMeansDefaults() {
        assertTrue(at(folder.resolve("maintenance-status.json")).load().isEmpty());
    }

    @Test
    void whatIsSavedLoadsBackEqual() throws IOException {
        Path path = folder.resolve("maintenance-status.json");
        at(path).save(Map.of(Scope.SITE, state));
        assertEquals(Map.of(Scope.SITE, state), at(path).load().orElseThrow());
        assertEquals(List.of(path), list(), "no temporary file left behind");
    }

    @Test
    void aFileWrittenBeforeCausesExistedReadsAsAnOperatorsChange() throws IOException {
        Path path = folder.resolve("maintenance-status.json");
        Files.writeString(path, "{\"isActive\":true,\"message\":\"m\",\"currentIssue\":\"i\",\"startTime\":1,"
                + "\"estimatedCompletion\":null,\"updatedAt\":2,\"version\":3}");
        assertEquals("operator", at(path).load().orElseThrow().get(Scope.SITE).cause());
    }

    @Test
    void theFileNamesItsFormatFirst() throws IOException {
        Path path = folder.resolve("maintenance-status.json");
        at(path).save(Map.of(Scope.SITE, state));
        assertTrue(Files.readString(path).startsWith("{\n    \"format\": " + FileFormat.FIRST + ",\n"),
                "the whole site alone is the first format, which every release reads: " + Files.readString(path));
    }

    @Test
    void theScopesAreKeptBesideTheSiteInTheSecondFormat() throws IOException {
        Path path = folder.resolve("maintenance-status.json");
        MaintenanceState shop = new MaintenanceState(true, "Checkout moves", "Payments", 10, null, 20, 3, "operator");
        Map<String, MaintenanceState> states = Map.of(Scope.SITE, state, "checkout", shop);
        at(path).save(states);
        String text = Files.readString(path);
        assertTrue(text.startsWith("{\n    \"format\": 2,\n"), text);
        assertTrue(text.contains("\n    \"scopes\": {\n        \"checkout\": {\n            \"isActive\": true,"), text);
        assertEquals(states, at(path).load().orElseThrow());
        assertEquals(state.message(), jakarta.json.Json.createReader(new java.io.StringReader(text)).readObject()
                .getString("message"), "the site's state is still the file's own object, as older tools read it");
    }

    @Test
    void aFileFromANewerReleaseIsRefusedByNameAndLeftAsItIs() throws IOException {
        Path path = folder.resolve("maintenance-status.json");
        String newer = "{\"format\": 3, \"isActive\": true, \"message\": \"m\", \"currentIssue\": \"i\"}";
        Files.writeString(path, newer);
        StateFile file = at(path);
        FileFormat.NewerFormat refused = assertThrows(FileFormat.NewerFormat.class, file::load);
        assertTrue(refused.getMessage().startsWith(path + " is in format 3"), refused.getMessage());
        assertEquals(newer, Files.readString(path), "untouched");
        assertNull(file.health().movedAside(), "not taken for a corrupt file");
    }

    @Test
    void savesCreateMissingFolders() throws IOException {
        Path path = folder.resolve("a/b/maintenance-status.json");
        at(path).save(Map.of(Scope.SITE, state));
        assertTrue(Files.exists(path));
    }

    @Test
    void aCorruptFileIsMovedAsideAndReported() throws IOException {
        Path path = folder.resolve("maintenance-status.json");
        Files.writeString(path, "{\"isActive\": tru");
        StateFile file = at(path);
        assertTrue(file.load().isEmpty());
        assertFalse(Files.exists(path));
        String aside = file.health().movedAside();
        assertNotNull(aside);
        assertEquals("{\"isActive\": tru", Files.readString(Path.of(aside)), "kept for the operator");
    }

    @Test
    void aFileMissingRequiredFieldsCountsAsCorrupt() throws IOException {
        Path path = folder.resolve("maintenance-status.json");
        Files.writeString(path, "{\"isActive\": true}");
        assertTrue(at(path).load().isEmpty());
        assertEquals(1, list().size());
        assertTrue(list().get(0).getFileName().toString().startsWith("maintenance-status.json.corrupt-"));
    }

    @Test
    void aFailedSaveLeavesThePreviousFileAndSaysWhy() throws IOException {
        Path path = folder.resolve("maintenance-status.json");
        StateFile file = at(path);
        file.save(Map.of(Scope.SITE, state));
        byte[] before = Files.readAllBytes(path);
        Files.createDirectory(folder.resolve("maintenance-status.json.tmp")); // the temp file cannot be written
        assertThrows(IOException.class, () -> file.save(Map.of(Scope.SITE, state.apply(
                new circuitbreaker.maintenance.entity.StatusUpdate("new", null, null, null), 3000,
                circuitbreaker.maintenance.entity.Author.operator("alice"), 0))));
        assertEquals(new String(before), Files.readString(path));
        assertNotNull(file.health().lastError());
    }

    private List<Path> list() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }
}
