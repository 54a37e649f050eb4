package org.acupressurecds.engine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.acupressurecds.engine.RuleProblem.Kind;

/**
 * Every file of a rules folder an author edits, read once into an immutable value: the DRL, the code tables, the
 * local policies and the scenarios, by their name in the folder ({@code positions.drl}, {@code codes/x.csv},
 * {@code policies.yaml}, {@code scenarios/y.yaml}). The version, the compile, the lint, the scenarios, the gate and the
 * journal's diff all take one snapshot, so during a burst of saves they all see the same bytes.
 */
public final class RulesSnapshot {

    static final String CODES = "codes/";
    static final String SCENARIOS = "scenarios/";
    /** What a file of a rules folder is named, by its path there. */
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*\\.drl|codes/[A-Za-z0-9][A-Za-z0-9._-]*\\.csv"
            + "|scenarios/[A-Za-z0-9][A-Za-z0-9._-]*\\.ya?ml|" + Pattern.quote(LocalPolicy.FILE));
    /** The names a rules folder's files may have, in words, for an author whose draft is named otherwise. */
    public static final String PART_NAMES = "a rule file (positions.drl), a scenario file (scenarios/positions.yaml), "
            + "a code table (codes/sciatica-codes.csv) or " + LocalPolicy.FILE;
    /** The folders within the rules folder whose files are part of it. */
    public static final List<String> SUBFOLDERS = List.of("codes", "scenarios");
    private static final Counter READS = Counter.builder("cds.ruleset.folder.reads")
            .description("Reads of the rules folder (one per reload, validation or check)")
            .register(Metrics.globalRegistry);

    private final String folder;
    private final SortedMap<String, byte[]> files;
    private final String version;

    private RulesSnapshot(String folder, SortedMap<String, byte[]> files) {
        this.folder = folder;
        this.files = Collections.unmodifiableSortedMap(files);
        this.version = contentHash(files);
    }

    /** Whether a path within a rules folder names one of its files (and nothing outside it). */
    public static boolean isPart(String name) {
        return PART.matcher(name).matches();
    }

    /** The folder as it is on disk now; problems name its files as {@code <folder>/<name>}. */
    public static RulesSnapshot read(Path folder) throws RuleSetException {
        String shown = folder.toString().replace('\\', '/');
        if (!Files.isDirectory(folder)) {
            throw new RuleSetException(List.of(new RuleProblem(Kind.RULES_FOLDER, shown, null, null,
                    "rules folder not found (looked at " + folder.toAbsolutePath() + ")")));
        }
        READS.increment();
        SortedMap<String, byte[]> files = new TreeMap<>();
        read(folder, "", ".drl", files);
        read(folder.resolve(CODES), CODES, ".csv", files);
        Path policies = folder.resolve(LocalPolicy.FILE);
        if (Files.isRegularFile(policies)) {
            files.put(LocalPolicy.FILE, bytes(policies));
        }
        read(folder.resolve(SCENARIOS), SCENARIOS, ".yaml", files);
        read(folder.resolve(SCENARIOS), SCENARIOS, ".yml", files);
        return new RulesSnapshot(shown, files);
    }

    /** Files already read (name to content), e.g. those of the rules serving, sent to the check's process. */
    public static RulesSnapshot of(String folder, Map<String, byte[]> files) {
        return new RulesSnapshot(folder, new TreeMap<>(files));
    }

    /** Files as text (name to content), e.g. the journal's record of the rules that served. */
    public static RulesSnapshot ofText(String folder, Map<String, String> files) {
        SortedMap<String, byte[]> bytes = new TreeMap<>();
        files.forEach((name, text) -> bytes.put(name, text.getBytes(StandardCharsets.UTF_8)));
        return new RulesSnapshot(folder, bytes);
    }

    /** This snapshot with the overlay's files (name to content) replacing or joining its own: a draft. */
    public RulesSnapshot with(Map<String, String> overlay) {
        if (overlay.isEmpty()) {
            return this;
        }
        SortedMap<String, byte[]> changed = new TreeMap<>(files);
        overlay.forEach((name, text) -> changed.put(name, text.getBytes(StandardCharsets.UTF_8)));
        return new RulesSnapshot(folder, changed);
    }

    /** The version: the first 16 hex digits of a SHA-256 over the sorted file names and contents. */
    public String version() {
        return version;
    }

    /** The folder as problems name it. */
    public String folder() {
        return folder;
    }

    /** A file's name as problems show it: {@code <folder>/<name>}. */
    public String shown(String name) {
        return folder + "/" + name;
    }

    /** Every file, name to content. */
    public SortedMap<String, byte[]> files() {
        return files;
    }

    /** Every file as text, name to content: what a rule-set event's diff compares. */
    public SortedMap<String, String> sources() {
        SortedMap<String, String> text = new TreeMap<>();
        files.forEach((name, content) -> text.put(name, new String(content, StandardCharsets.UTF_8)));
        return text;
    }

    /** The files directly under a prefix ("" for the folder itself, {@code codes/}) whose names end so, as text. */
    public SortedMap<String, String> text(String prefix, String suffix) {
        SortedMap<String, String> text = new TreeMap<>();
        sources().forEach((name, content) -> {
            if (name.startsWith(prefix) && name.endsWith(suffix) && name.indexOf('/', prefix.length()) < 0) {
                text.put(name, content);
            }
        });
        return text;
    }

    /** The DRL files, name to text. */
    public SortedMap<String, String> drl() {
        return text("", ".drl");
    }

    /** The scenario files, name to text. */
    public SortedMap<String, String> scenarios() {
        SortedMap<String, String> scenarios = text(SCENARIOS, ".yaml");
        scenarios.putAll(text(SCENARIOS, ".yml"));
        return scenarios;
    }

    private static void read(Path folder, String prefix, String suffix, SortedMap<String, byte[]> into) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path file : entries.filter(p -> p.getFileName().toString().endsWith(suffix) && Files.isRegularFile(p))
                    .toList()) {
                into.put(prefix + file.getFileName(), bytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder, e);
        }
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String contentHash(Map<String, byte[]> files) {
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
}
