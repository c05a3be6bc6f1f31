package circuitbreaker.maintenance.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import circuitbreaker.maintenance.entity.Scope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScopeFileTest {

    static final String FLEET = """
            [
              {"name": "shop", "hosts": ["shop.example.test"]},
              {"name": "checkout", "hosts": ["shop.example.test"], "paths": ["/checkout/"]},
              {"name": "api", "hosts": ["api.example.test"], "watchUrl": "http://127.0.0.1:9/health"},
              {"name": "tenants", "hosts": ["*.tenants.example.test"]}
            ]
            """;

    @TempDir
    Path folder;

    @Test
    void theMostSpecificComesFirstAndTheSiteLast() {
        List<Scope> scopes = ScopeFile.read(FLEET);
        assertEquals("site", scopes.get(scopes.size() - 1).name());
        assertTrue(scopes.indexOf(find(scopes, "checkout")) < scopes.indexOf(find(scopes, "shop")), scopes.toString());
    }

    @Test
    void theClosedScopeThatCoversARequestMostSpecificallyGivesItsPage() throws Exception {
        Files.writeString(folder.resolve("scopes.json"), FLEET);
        ScopeBook book = new ScopeBook(Optional.empty(), folder.resolve("maintenance-status.json").toString());
        Set<String> closed = Set.of("shop", "checkout", "api", "tenants");
        assertEquals("checkout", part(book, "shop.example.test:8080", "/checkout/pay", closed));
        assertEquals("shop", part(book, "SHOP.example.test", "/cart", closed), "host names are case-blind");
        assertEquals("shop", part(book, "shop.example.test", "/checkout/pay", Set.of("shop")));
        assertEquals("api", part(book, "api.example.test", "/checkout/pay", closed));
        assertEquals("tenants", part(book, "a.tenants.example.test", "/", closed));
        assertEquals("none", part(book, "tenants.example.test", "/", closed), "a wildcard is for the names under it");
        assertEquals("none", part(book, "blog.example.test", "/", closed));
        assertEquals("none", part(book, null, "/checkout/", closed), "no host: only the site covers it");
        assertEquals("none", part(book, "shop.example.test", "/", Set.of("checkout")));
        for (String same : List.of("/%63heckout/pay", "//checkout/pay", "/checkout;jsessionid=1/pay",
                "/cart/../checkout/pay", "/checkout/./pay", "/checkout%2Fpay")) {
            assertEquals("checkout", part(book, "shop.example.test", same, closed), same + ": as the site reads it");
        }
        assertEquals("/checkout/", ScopeBook.normalized("/checkout/x/.."));
        assertEquals("/", ScopeBook.normalized("/../.."));
        assertEquals("/a%zz", ScopeBook.normalized("/a%zz"), "a malformed escape: as sent");
    }

    @Test
    void mistakesAreRefusedAsAWholeEachByLine() {
        String text = """
                [
                  {"name": "Shop", "hosts": ["shop.example.test"]},
                  {"name": "blog", "host": ["blog.example.test"]},
                  {"name": "api", "hosts": ["api.example.test:443"]},
                  {"name": "site", "paths": ["/"]},
                  {"name": "empty"},
                  {"name": "docs", "paths": ["docs/"]},
                  {"name": "hook", "hosts": ["h.example.test"], "watchUrl": "ftp://h.example.test/"}
                ]
                """;
        String problems = assertThrows(IllegalArgumentException.class, () -> ScopeFile.read(text)).getMessage();
        for (String expected : List.of("line 2: name must be 1 to 40 of a-z", "line 3: unknown field \"host\"",
                "line 4: \"api\": \"api.example.test:443\" is not a host name", "line 5: \"site\" is the whole site",
                "line 6: \"empty\" needs hosts, paths or both", "line 7: \"docs\": \"docs/\" is not a path prefix",
                "line 8: \"hook\": watchUrl must be an http:// or https:// URL")) {
            assertTrue(problems.contains(expected), expected + " in: " + problems);
        }
    }

    @Test
    void overlapsWithoutAMostSpecificScopeAreRefused() {
        String same = "[{\"name\": \"a\", \"hosts\": [\"x.test\"]},\n {\"name\": \"b\", \"hosts\": [\"x.test\"]}]";
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ScopeFile.read(same)).getMessage()
                .contains("line 2: \"b\" covers the same requests as \"a\""));
        String crossed = "[{\"name\": \"shop\", \"hosts\": [\"shop.test\"]},\n{\"name\": \"admin\", \"paths\": [\"/admin/\"]}]";
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ScopeFile.read(crossed)).getMessage()
                .contains("line 2: \"admin\" and \"shop\" overlap but neither lies inside the other"));
        String twice = "[{\"name\": \"a\", \"hosts\": [\"x.test\"]},\n {\"name\": \"a\", \"hosts\": [\"y.test\"]}]";
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ScopeFile.read(twice)).getMessage()
                .contains("line 2: \"a\" is defined twice (first on line 1)"));
        assertEquals(3, ScopeFile.read("[{\"name\": \"a\", \"hosts\": [\"x.test\"]}, {\"name\": \"b\", \"paths\": "
                + "[\"/b/\"], \"hosts\": [\"y.test\"]}]").size(), "apart: no overlap");
    }

    @Test
    void aFileThatCannotBeUsedStopsTheStartNamingIt() throws Exception {
        Path file = folder.resolve("fleet-scopes.json");
        Files.writeString(file, "[{\"name\": \"shop\"");
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> new ScopeBook(Optional.of(file.toString()), "maintenance-status.json"));
        assertTrue(refused.getMessage().startsWith("The scopes file " + file + " cannot be used: not valid JSON"),
                refused.getMessage());
        assertEquals(List.of("site"), new ScopeBook(Optional.of(folder.resolve("none.json").toString()),
                "maintenance-status.json").names(), "no file: the whole site alone");
    }

    private static String part(ScopeBook book, String host, String path, Set<String> closed) {
        return book.closedPart(host, path, closed::contains).map(Scope::name).orElse("none");
    }

    private static Scope find(List<Scope> scopes, String name) {
        return scopes.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }
}
