package org.acupressurecds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages are the layers of docs/architecture.md: a package imports only those below it, and channels never import
 * each other. Every import of src/main/java is read, as an import line or a qualified name.
 */
class ArchitectureTest {

    private static final Path MAIN = Path.of("src/main/java/org/acupressurecds");
    private static final Pattern IMPORT = Pattern.compile("org\\.acupressurecds\\.([a-z]+)\\.[A-Z]\\w*");

    /** The layers, bottom first; packages in one layer may not import each other. */
    private static final List<Set<String>> LAYERS = List.of(
            Set.of("knowledge"),
            Set.of("config"),
            Set.of("http"),
            Set.of("request"),
            Set.of("engine"),
            Set.of("fhir"),
            Set.of("store"),
            Set.of("ruleset"),
            Set.of("decision"),
            Set.of("security"),
            Set.of("assessment", "cdshooks"),
            Set.of("(root)"));

    @Test
    void everyImportFollowsTheLayersOfTheArchitecture() throws IOException {
        Set<String> breaks = new TreeSet<>();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(MAIN)) {
            sources = files.filter(f -> f.toString().endsWith(".java")).toList();
        }
        for (Path source : sources) {
            String from = MAIN.relativize(source).getNameCount() == 1 ? "(root)"
                    : MAIN.relativize(source).getName(0).toString();
            Matcher imports = IMPORT.matcher(Files.readString(source));
            while (imports.find()) {
                String to = imports.group(1);
                if (!to.equals(from) && layer(to) >= layer(from)) {
                    breaks.add(MAIN.relativize(source).toString().replace('\\', '/') + " -> " + to);
                }
            }
        }

        assertEquals(List.of(), breaks.stream().map(b -> b + ": imports a package not below it (docs/architecture.md)")
                .toList());
    }

    private static int layer(String pkg) {
        for (int i = 0; i < LAYERS.size(); i++) {
            if (LAYERS.get(i).contains(pkg)) {
                return i;
            }
        }
        throw new AssertionError("package " + pkg + " is in no layer of docs/architecture.md: give it one");
    }

    /** The packages the layers name are the packages there are: a new package needs its place. */
    @Test
    void everyPackageHasItsLayer() throws IOException {
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> entries = Files.list(MAIN)) {
            entries.filter(Files::isDirectory).forEach(d -> packages.add(d.getFileName().toString()));
        }
        packages.add("(root)");
        Set<String> layered = new TreeSet<>();
        LAYERS.forEach(layered::addAll);
        assertEquals(layered, packages);
    }
}
