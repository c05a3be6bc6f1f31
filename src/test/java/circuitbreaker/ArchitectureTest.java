package circuitbreaker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.enterprise.inject.spi.Extension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The package map of docs/architecture.md is the code's: arrows run one way, and boundaries stay thin. */
class ArchitectureTest {

    static final JavaClasses MAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("circuitbreaker");
    static final Path SOURCES = Path.of("src/main/java/circuitbreaker");

    /** Each package of the map, in order, with the packages it may use. */
    static Map<String, Set<String>> map() throws IOException {
        Map<String, Set<String>> map = new LinkedHashMap<>();
        Matcher row = Pattern.compile("(?m)^\\| `(\\w+)` \\| .+ \\| (.+) \\|$")
                .matcher(Files.readString(Path.of("docs/architecture.md")));
        while (row.find()) {
            map.put(row.group(1), Pattern.compile("`(\\w+)`").matcher(row.group(2)).results()
                    .map(m -> m.group(1)).collect(Collectors.toSet()));
        }
        return map;
    }

    @Test
    void noPackageIsPartOfACycle() {
        slices().matching("circuitbreaker.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    /**
     * A listener told of something that has already happened (a saved change, a second, a socket that joined) must
     * never fail the one who told it nor the other listeners; listeners of the start-up may, so a bad setting stops
     * the deployment, and so may the container's own (a portable extension's).
     */
    @Test
    void everyListenerButTheStartUpsFailsAlone() {
        List<String> unguarded = MAIN.stream().filter(type -> !type.isAssignableTo(Extension.class))
                .flatMap(type -> type.getMethods().stream())
                .filter(method -> method.getParameterAnnotations().stream().flatMap(Set::stream).anyMatch(
                        a -> a.getRawType().getName().startsWith("jakarta.enterprise.event.Observes")))
                .filter(method -> method.getParameterAnnotations().stream().flatMap(Set::stream).noneMatch(
                        a -> a.getRawType().getName().equals("jakarta.enterprise.context.Initialized")))
                .filter(method -> !method.isAnnotatedWith("circuitbreaker.platform.FailsAlone"))
                .map(method -> method.getFullName()).sorted().toList();
        assertEquals(List.of(), unguarded, "listeners without @FailsAlone");
    }

    @Test
    void noBoundaryUsesAnotherCapabilitysBoundary() {
        slices().matching("circuitbreaker.(*).boundary..").should().notDependOnEachOther().check(MAIN);
    }

    @Test
    void eachPackageUsesOnlyWhatTheMapAllowsAndOnlyPackagesBelowIt() throws IOException {
        Map<String, Set<String>> map = map();
        List<String> order = List.copyOf(map.keySet());
        map.forEach((name, allowed) -> {
            for (String used : allowed) {
                assertTrue(order.indexOf(used) >= 0 && order.indexOf(used) < order.indexOf(name),
                        name + " may use only packages below it, not " + used);
            }
            String[] forbidden = order.stream().filter(other -> !other.equals(name) && !allowed.contains(other))
                    .map(other -> "circuitbreaker." + other + "..").toArray(String[]::new);
            if (forbidden.length > 0) {
                noClasses().that().resideInAPackage("circuitbreaker." + name + "..").should().dependOnClassesThat()
                        .resideInAnyPackage(forbidden).because("docs/architecture.md: " + name + " may use only "
                                + allowed).check(MAIN);
            }
        });
    }

    @Test
    void theMapNamesEveryPackageAndEachSaysWhatItIsFor() throws IOException {
        Set<String> packages;
        try (Stream<Path> folders = Files.list(SOURCES)) {
            packages = folders.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(packages, new TreeSet<>(map().keySet()), "docs/architecture.md lists the packages there are");
        for (String name : packages) {
            String info = Files.readString(SOURCES.resolve(name).resolve("package-info.java"));
            assertTrue(info.contains("package circuitbreaker." + name + ";"), name);
        }
    }
}
