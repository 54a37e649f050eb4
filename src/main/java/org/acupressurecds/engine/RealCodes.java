package org.acupressurecds.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Real codes of a code system, with their titles, from the reference lists shipped with the service
 * ({@code src/main/resources/terminology/}): what a family of the code table covers, for a reviewer to see. The lists
 * only describe; no answer reads them.
 */
final class RealCodes {

    private static final Map<String, String> LISTS = Map.of(CodeSystems.ICD10CM, "/terminology/icd-10-cm.tsv");
    private static final Map<String, Map<String, String>> LOADED = new java.util.concurrent.ConcurrentHashMap<>();

    private RealCodes() {
    }

    /** "code title" of each listed code under the stem; empty where the system has no list. */
    static Optional<List<String>> under(String system, String stem) {
        String list = LISTS.get(system);
        if (list == null) {
            return Optional.empty();
        }
        String prefix = CodeSystems.comparable(system, stem);
        return Optional.of(LOADED.computeIfAbsent(system, s -> read(list)).entrySet().stream()
                .filter(code -> CodeSystems.comparable(system, code.getKey()).startsWith(prefix))
                .map(code -> code.getKey() + " " + code.getValue()).toList());
    }

    private static Map<String, String> read(String resource) {
        Map<String, String> codes = new LinkedHashMap<>();
        try (InputStream in = RealCodes.class.getResourceAsStream(resource);
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            lines.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).forEach(line -> {
                int tab = line.indexOf('\t');
                codes.put(line.substring(0, tab), line.substring(tab + 1));
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return codes;
    }
}
