package org.acupressurecds.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.acupressurecds.knowledge.PatientFacts;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieContainer;

/**
 * Compiles the DRL files of a rules folder into a {@link RuleSet} with the public KIE API. Each build gets a
 * module of its own, removed from the KIE repository once its container exists, so repeated loads do not leak.
 */
public final class RuleSetLoader {

    private static final String KIE_PATH = "src/main/resources/rules/";
    private static final AtomicLong BUILDS = new AtomicLong();

    private final KieServices kie = KieServices.Factory.get();
    private final ClassLoader factClassLoader = PatientFacts.class.getClassLoader();

    /** Loads every {@code *.drl} directly in the folder; problems name files as {@code <folder>/<file>.drl}. */
    public RuleSet load(Path folder) throws RuleSetException {
        String shownFolder = folder.toString().replace('\\', '/');
        Map<String, byte[]> files = readRuleFiles(folder, shownFolder);
        String version = contentHash(files);

        ReleaseId releaseId = kie.newReleaseId("org.acupressurecds.rules", "ruleset", version + "-" + BUILDS.incrementAndGet());
        KieFileSystem kfs = kie.newKieFileSystem();
        kfs.generateAndWritePomXML(releaseId);
        files.forEach((name, content) -> kfs.write(KIE_PATH + name,
                kie.getResources().newByteArrayResource(content).setSourcePath("rules/" + name)));

        KieBuilder builder = kie.newKieBuilder(kfs, factClassLoader).buildAll();
        List<RuleProblem> problems = builder.getResults().getMessages(Message.Level.ERROR).stream()
                .filter(message -> !isNoise(message.getText()))
                .map(message -> toProblem(message, shownFolder))
                .distinct()
                .toList();
        if (!problems.isEmpty()) {
            kie.getRepository().removeKieModule(releaseId);
            throw new RuleSetException(problems);
        }
        KieContainer container = kie.newKieContainer(releaseId, factClassLoader);
        try {
            return new RuleSet(version, List.copyOf(files.keySet()), Instant.now(), container.getKieBase());
        } finally {
            kie.getRepository().removeKieModule(releaseId);
        }
    }

    private static Map<String, byte[]> readRuleFiles(Path folder, String shownFolder) throws RuleSetException {
        if (!Files.isDirectory(folder)) {
            throw new RuleSetException(List.of(new RuleProblem(shownFolder, null, null,
                    "rules folder not found (looked at " + folder.toAbsolutePath() + ")")));
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path drl : entries.filter(p -> p.getFileName().toString().endsWith(".drl") && Files.isRegularFile(p))
                    .sorted().toList()) {
                files.put(drl.getFileName().toString(), Files.readAllBytes(drl));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rules folder " + folder, e);
        }
        if (files.isEmpty()) {
            throw new RuleSetException(List.of(new RuleProblem(shownFolder, null, null,
                    "no .drl rule files in the rules folder")));
        }
        return files;
    }

    /** The version: the first 16 hex digits of a SHA-256 over the sorted file names and contents. */
    static String contentHash(Map<String, byte[]> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            files.forEach((name, content) -> {
                sha.update(name.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(content);
                sha.update((byte) 0);
            });
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** Drools adds this after every parse error; it tells the author nothing. */
    private static boolean isNoise(String text) {
        return text.contains("Parser returned a null Package");
    }

    private static RuleProblem toProblem(Message message, String shownFolder) {
        String path = message.getPath();
        String file = path == null || path.isBlank()
                ? shownFolder
                : shownFolder + "/" + path.substring(path.lastIndexOf('/') + 1);
        return new RuleProblem(file,
                message.getLine() > 0 ? message.getLine() : null,
                message.getColumn() > 0 ? message.getColumn() : null,
                oneLine(message.getText()));
    }

    /**
     * MVEL explains a bad expression over several lines with a caret drawing; the author needs the expression and
     * the reason, on one line (file and line are given separately).
     */
    static String oneLine(String text) {
        return text.lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.equals("^") && !line.startsWith("[Near :")
                        && !line.startsWith("[Line:"))
                .map(line -> line.replaceAll("^\\[Error: (.*)]$", "$1"))
                .collect(Collectors.joining(" "));
    }
}
