package org.acupressurecds.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.reflect.RecordComponent;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.acupressurecds.knowledge.FactModel;
import org.acupressurecds.knowledge.PatientFacts;
import org.acupressurecds.engine.RuleSet.RuleInfo;
import org.kie.api.KieBase;
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
    static final String CODES = "codes";
    /** The scenarios, the rule set's specification (read and run by the authoring package). */
    public static final String SCENARIOS = "scenarios";
    /** The line that declares a rule, with its name. */
    public static final Pattern RULE_DECLARATION = Pattern.compile("^\\s*rule\\s+\"([^\"]+)\"");
    private static final AtomicLong BUILDS = new AtomicLong();

    private final KieServices kie = KieServices.Factory.get();
    private final DrlAllowlist allowlist = new DrlAllowlist();
    private final ClassLoader factClassLoader = new MissCachingClassLoader(PatientFacts.class.getClassLoader());

    /** Loads every {@code *.drl} directly in the folder; problems name files as {@code <folder>/<file>.drl}. */
    public RuleSet load(Path folder) throws RuleSetException {
        return load(folder, Map.of());
    }

    /**
     * Loads the folder as if the overlay's DRL files (name to content) replaced or joined its own: what an author
     * validates before saving. Code tables come from the folder's {@code codes/}.
     */
    public RuleSet load(Path folder, Map<String, String> overlay) throws RuleSetException {
        String shownFolder = folder.toString().replace('\\', '/');
        Map<String, byte[]> files = readRuleFiles(folder, shownFolder, overlay);
        CodeTable codes = null;
        List<LocalPolicy> policies = List.of();
        List<RuleProblem> codeProblems = new ArrayList<>();
        try {
            codes = CodeTable.load(folder.resolve(CODES));
        } catch (RuleSetException e) {
            codeProblems.addAll(e.problems());
        }
        try {
            policies = LocalPolicy.read(folder, shownFolder);
        } catch (RuleSetException e) {
            codeProblems.addAll(e.problems());
        }
        // Rules are code: nothing is compiled, let alone run, before every name in it is on the allowlist.
        List<RuleProblem> unsafe = allowlist.check(asText(files), shownFolder);
        if (!unsafe.isEmpty()) {
            List<RuleProblem> all = new ArrayList<>(codeProblems);
            all.addAll(unsafe);
            throw new RuleSetException(all);
        }
        KieBase kieBase = compileOrThrow(files, shownFolder, codeProblems);
        Map<String, byte[]> hashed = withCodesAndScenarios(folder, files);
        return new RuleSet(contentHash(hashed), List.copyOf(hashed.keySet()), Instant.now(), kieBase, codes,
                catalogue(kieBase, files, shownFolder), policies);
    }

    private static Map<String, String> asText(Map<String, byte[]> files) {
        Map<String, String> text = new TreeMap<>();
        files.forEach((name, content) -> text.put(name, new String(content, StandardCharsets.UTF_8)));
        return text;
    }

    /** The version the folder would load as, without compiling: to skip a reload of identical content. */
    public String versionOf(Path folder) throws RuleSetException {
        return contentHash(withCodesAndScenarios(folder, readRuleFiles(folder, folder.toString(), Map.of())));
    }

    /**
     * What the version covers: the DRL, the code tables and the scenarios, which are the rule set's specification;
     * an edit to any of them is checked, and served or rejected, as a new version.
     */
    private static Map<String, byte[]> withCodesAndScenarios(Path folder, Map<String, byte[]> drl) {
        Map<String, byte[]> hashed = new TreeMap<>(drl);
        hashed.putAll(readFiles(folder.resolve(CODES), ".csv", CODES + "/"));
        hashed.putAll(policiesFile(folder));
        hashed.putAll(readFiles(folder.resolve(SCENARIOS), ".yaml", SCENARIOS + "/"));
        hashed.putAll(readFiles(folder.resolve(SCENARIOS), ".yml", SCENARIOS + "/"));
        return hashed;
    }

    /** Compiles the DRL; any problem, its own or one found before, fails the whole load. */
    private KieBase compileOrThrow(Map<String, byte[]> files, String shownFolder, List<RuleProblem> earlier)
            throws RuleSetException {
        String version = contentHash(files);

        ReleaseId releaseId = kie.newReleaseId("org.acupressurecds.rules", "ruleset", version + "-" + BUILDS.incrementAndGet());
        KieFileSystem kfs = kie.newKieFileSystem();
        kfs.generateAndWritePomXML(releaseId);
        files.forEach((name, content) -> kfs.write(KIE_PATH + name,
                kie.getResources().newByteArrayResource(content).setSourcePath("rules/" + name)));

        KieBuilder builder = kie.newKieBuilder(kfs, factClassLoader).buildAll();
        List<RuleProblem> problems = builder.getResults().getMessages(Message.Level.ERROR).stream()
                .filter(message -> !isNoise(message.getText()))
                .map(message -> toProblem(message, shownFolder, files))
                .distinct()
                .toList();
        List<RuleProblem> all = new ArrayList<>(earlier);
        all.addAll(problems);
        if (!all.isEmpty()) {
            kie.getRepository().removeKieModule(releaseId);
            throw new RuleSetException(all);
        }
        KieContainer container = kie.newKieContainer(releaseId, factClassLoader);
        try {
            return container.getKieBase();
        } finally {
            kie.getRepository().removeKieModule(releaseId);
        }
    }

    /** Every rule with its file and line, found from the rule's declaration in the source. */
    private static List<RuleInfo> catalogue(KieBase kieBase, Map<String, byte[]> files, String shownFolder) {
        Map<String, RuleInfo> declared = new LinkedHashMap<>();
        files.forEach((name, content) -> {
            String[] lines = new String(content, StandardCharsets.UTF_8).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                Matcher rule = RULE_DECLARATION.matcher(lines[i]);
                if (rule.find()) {
                    declared.put(rule.group(1), new RuleInfo(rule.group(1), shownFolder + "/" + name, i + 1, null, Map.of()));
                }
            }
        });
        return kieBase.getKiePackages().stream().flatMap(p -> p.getRules().stream())
                .map(rule -> {
                    RuleInfo where = declared.get(rule.getName());
                    Map<String, String> metadata = new TreeMap<>();
                    rule.getMetaData().forEach((key, value) -> metadata.put(key, unquote(value)));
                    return new RuleInfo(rule.getName(), where == null ? null : where.file(),
                            where == null ? null : where.line(), metadata.get("source"), metadata);
                })
                .sorted(Comparator.comparing((RuleInfo r) -> String.valueOf(r.file()))
                        .thenComparing(r -> r.line() == null ? 0 : r.line()))
                .toList();
    }

    /** Some compilers keep the quotes of a metadata value; an author wrote none. */
    static String unquote(Object value) {
        return value == null ? null : value.toString().replaceAll("^\"|\"$", "");
    }

    /**
     * Every file an author edits, as text by its name in the folder (positions.drl, codes/x.csv, scenarios/y.yaml),
     * with the overlay in place: what a rule-set event's diff compares. Empty where the folder cannot be read.
     */
    public static Map<String, String> sources(Path folder, Map<String, String> overlay) {
        Map<String, String> text = new TreeMap<>();
        Map<String, byte[]> files = new TreeMap<>(readFiles(folder, ".drl", ""));
        files.putAll(readFiles(folder.resolve(CODES), ".csv", CODES + "/"));
        files.putAll(policiesFile(folder));
        files.putAll(readFiles(folder.resolve(SCENARIOS), ".yaml", SCENARIOS + "/"));
        files.putAll(readFiles(folder.resolve(SCENARIOS), ".yml", SCENARIOS + "/"));
        files.forEach((name, bytes) -> text.put(name, new String(bytes, StandardCharsets.UTF_8)));
        text.putAll(overlay);
        return text;
    }

    /** The DRL files of the folder with the overlay applied, by file name. */
    public static Map<String, byte[]> readRuleFiles(Path folder, String shownFolder, Map<String, String> overlay)
            throws RuleSetException {
        if (!Files.isDirectory(folder)) {
            throw new RuleSetException(List.of(new RuleProblem(shownFolder, null, null,
                    "rules folder not found (looked at " + folder.toAbsolutePath() + ")")));
        }
        Map<String, byte[]> files = new TreeMap<>(readFiles(folder, ".drl", ""));
        overlay.forEach((name, content) -> files.put(name, content.getBytes(StandardCharsets.UTF_8)));
        if (files.isEmpty()) {
            throw new RuleSetException(List.of(new RuleProblem(shownFolder, null, null,
                    "no .drl rule files in the rules folder")));
        }
        return files;
    }

    /** The files of one kind directly in a folder, by prefixed name; none if the folder does not exist. */
    /** policies.yaml itself, not every name ending in it. */
    private static Map<String, byte[]> policiesFile(Path folder) {
        Map<String, byte[]> file = readFiles(folder, LocalPolicy.FILE, "");
        file.keySet().retainAll(Set.of(LocalPolicy.FILE));
        return file;
    }

    private static Map<String, byte[]> readFiles(Path folder, String suffix, String prefix) {
        Map<String, byte[]> files = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return files;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path file : entries.filter(p -> p.getFileName().toString().endsWith(suffix) && Files.isRegularFile(p))
                    .toList()) {
                files.put(prefix + file.getFileName(), Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder, e);
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

    private static RuleProblem toProblem(Message message, String shownFolder, Map<String, byte[]> files) {
        String path = message.getPath();
        String name = path == null || path.isBlank() ? null : path.substring(path.lastIndexOf('/') + 1);
        Integer line = message.getLine() > 0 ? message.getLine() : null;
        String text = inAuthorsWords(oneLine(message.getText()));
        if (name != null && line != null && files.containsKey(name)) {
            text = withParseHint(text, new String(files.get(name), StandardCharsets.UTF_8), line);
        }
        return new RuleProblem(name == null ? shownFolder : shownFolder + "/" + name, line,
                message.getColumn() > 0 ? message.getColumn() : null, text);
    }

    private static final Pattern PARSE_ERROR_IN_RULE = Pattern.compile("\\[ERR \\d+].* in rule \"([^\"]+)\"");

    /**
     * The parser reports where it got lost, often lines after the slip: say what the slip likely was, a rule with no
     * end before the next rule, or parentheses that do not balance in the rule so far.
     */
    static String withParseHint(String message, String source, int line) {
        Matcher m = PARSE_ERROR_IN_RULE.matcher(message);
        if (!m.find()) {
            return message;
        }
        String rule = m.group(1);
        String[] lines = source.split("\n", -1);
        int start = -1;
        for (int i = 0; i < lines.length && start < 0; i++) {
            Matcher declared = RULE_DECLARATION.matcher(lines[i]);
            if (declared.find() && declared.group(1).equals(rule)) {
                start = i;
            }
        }
        if (start < 0 || start >= line - 1) {
            return message;
        }
        int open = 0;
        int close = 0;
        for (int i = start + 1; i < Math.min(line, lines.length); i++) {
            if (lines[i].strip().equals("end")) {
                return message;
            }
            if (RULE_DECLARATION.matcher(lines[i]).find()) {
                return message + " (likely cause: rule \"" + rule + "\" at line " + (start + 1) + " has no end before "
                        + "the next rule at line " + (i + 1) + ")";
            }
            String code = lines[i].replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"").replaceAll("//.*", "");
            open += code.chars().filter(c -> c == '(').count();
            close += code.chars().filter(c -> c == ')').count();
        }
        return open == close ? message : message + " (likely cause: unbalanced parentheses in rule \"" + rule
                + "\" before line " + line + ": " + open + " '(' and " + close + " ')')";
    }

    private static final Pattern NO_SUCH_FIELD = Pattern.compile(
            "unable to resolve method using strict-mode: ([\\w.$]+)\\.(\\w+)\\(\\)");

    /** A fact field the fact model does not have, said in the fact model's words, with what it does have. */
    static String inAuthorsWords(String text) {
        Matcher m = NO_SUCH_FIELD.matcher(text);
        if (!m.find()) {
            return text;
        }
        return FactModel.FACTS.stream().filter(fact -> fact.getName().equals(m.group(1))).findFirst().map(fact -> {
            List<String> fields = Arrays.stream(fact.getRecordComponents()).map(RecordComponent::getName).toList();
            String name = fact.getSimpleName();
            String field = m.group(2);
            return text.substring(0, m.start()) + name + " has no field " + field + ": "
                    + DidYouMean.closest(field, fields).map(f -> "did you mean " + f + "? ").orElse("")
                    + "its fields are " + String.join(", ", fields) + " (docs/rule-authoring.md lists what each means)";
        }).orElse(text);
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
