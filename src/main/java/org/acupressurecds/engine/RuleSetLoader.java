package org.acupressurecds.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.acupressurecds.engine.RuleSet.RuleInfo;
import org.acupressurecds.knowledge.FactModel;
import org.acupressurecds.knowledge.PatientFacts;
import org.drools.base.definitions.InternalKnowledgePackage;
import org.drools.core.rule.JavaDialectRuntimeData;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.drools.io.DescrResource;
import org.drools.io.InternalResource;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBase;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.kie.api.definition.KiePackage;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.CompositeKnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.builder.KnowledgeBuilderResult;
import org.kie.internal.builder.ResultSeverity;

/**
 * Compiles the DRL files of a rules folder into a {@link RuleSet}. The files are parsed and checked first
 * ({@link RuleLanguage}); the compiler is given the checked trees, never the files' text, and what it made is checked
 * again as bytecode ({@link BytecodeCheck}) before a rule base is built from it.
 */
public final class RuleSetLoader {

    static final String CODES = "codes";
    /** The scenarios, the rule set's specification (read and run by the authoring package). */
    public static final String SCENARIOS = "scenarios";

    private final RuleLanguage language = new RuleLanguage();
    private final BytecodeCheck bytecode = new BytecodeCheck(new RuleVocabulary(), RuleLanguage.PACKAGE);
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
        List<RuleProblem> problems = new ArrayList<>();
        try {
            codes = CodeTable.load(folder.resolve(CODES));
        } catch (RuleSetException e) {
            problems.addAll(e.problems());
        }
        try {
            policies = LocalPolicy.read(folder, shownFolder);
        } catch (RuleSetException e) {
            problems.addAll(e.problems());
        }
        // Rules are code: nothing is compiled, let alone run, before every file passes the check.
        RuleLanguage.Checked checked = language.check(asText(files), shownFolder);
        problems.addAll(checked.problems());
        if (!checked.problems().isEmpty()) {
            throw new RuleSetException(problems);
        }
        KieBase kieBase = compileOrThrow(checked.packages(), shownFolder, problems);
        Map<String, byte[]> hashed = withCodesAndScenarios(folder, files);
        return new RuleSet(contentHash(hashed), List.copyOf(hashed.keySet()), Instant.now(), kieBase, codes,
                catalogue(kieBase, checked.packages(), shownFolder), policies, checked.terms());
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

    /**
     * Compiles the checked files; any problem, the compiler's, the bytecode check's or one found before, fails the
     * whole load.
     */
    private KieBase compileOrThrow(Map<String, PackageDescr> packages, String shownFolder, List<RuleProblem> earlier)
            throws RuleSetException {
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder(
                KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration(null, factClassLoader));
        CompositeKnowledgeBuilder batch = builder.batch();
        packages.forEach((name, descr) -> {
            DescrResource resource = new DescrResource(descr);
            resource.setSourcePath(shownFolder + "/" + name);
            batch.add(resource, ResourceType.DESCR);
        });
        batch.build();
        List<RuleProblem> all = new ArrayList<>(earlier);
        builder.getResults(ResultSeverity.ERROR).stream()
                .filter(result -> !isNoise(result.getMessage()))
                .map(result -> toProblem(result, shownFolder))
                .distinct()
                .forEach(all::add);
        if (all.isEmpty()) {
            all.addAll(bytecode.check(compiledClasses(builder), name -> sourceOf(name, packages, shownFolder)));
        }
        if (!all.isEmpty()) {
            throw new RuleSetException(all);
        }
        KieBaseConfiguration configuration = KieServices.Factory.get().newKieBaseConfiguration(null, factClassLoader);
        InternalKnowledgeBase kieBase = KnowledgeBaseFactory.newKnowledgeBase(configuration);
        kieBase.addPackages(builder.getKnowledgePackages());
        return kieBase;
    }

    /** The classes the compiler made of consequences and functions, by internal name. */
    private static Map<String, byte[]> compiledClasses(KnowledgeBuilder builder) {
        Map<String, byte[]> classes = new TreeMap<>();
        for (KiePackage p : builder.getKnowledgePackages()) {
            if (((InternalKnowledgePackage) p).getDialectRuntimeRegistry().getDialectData("java")
                    instanceof JavaDialectRuntimeData java) {
                java.getStore().forEach((name, bytes) -> classes.put(name.replace('.', '/'), bytes));
            }
        }
        return classes;
    }

    /** The rule or function a compiled class was made from, as file and line. */
    private static RuleProblem sourceOf(String className, Map<String, PackageDescr> packages, String shownFolder) {
        for (Map.Entry<String, PackageDescr> file : packages.entrySet()) {
            for (RuleDescr rule : file.getValue().getRules()) {
                if (rule.getClassName() != null && className.contains("/" + rule.getClassName())) {
                    return new RuleProblem(shownFolder + "/" + file.getKey(), rule.getLine(), null, "");
                }
            }
            for (FunctionDescr function : file.getValue().getFunctions()) {
                if (function.getClassName() != null && className.endsWith("/" + function.getClassName())) {
                    return new RuleProblem(shownFolder + "/" + file.getKey(), function.getLine(), null, "");
                }
            }
        }
        return new RuleProblem(shownFolder, null, null, "");
    }

    /** Every rule with its file and line, as the parser found it. */
    private static List<RuleInfo> catalogue(KieBase kieBase, Map<String, PackageDescr> packages, String shownFolder) {
        Map<String, RuleInfo> declared = new LinkedHashMap<>();
        packages.forEach((name, descr) -> descr.getRules().forEach(rule -> declared.put(rule.getName(),
                new RuleInfo(rule.getName(), shownFolder + "/" + name, rule.getLine(), null, Map.of()))));
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

    /** A rule as the parser found it in a file: its name, and its first and last lines. */
    public record DeclaredRule(String name, int line, int endLine) {
    }

    /** The rules of a DRL file in the order declared; none where the file does not parse. */
    public static List<DeclaredRule> declaredRules(String drl) {
        try {
            PackageDescr descr = new DrlParser().parse(false, drl);
            return descr == null ? List.of() : descr.getRules().stream()
                    .map(r -> new DeclaredRule(r.getName(), r.getLine(), r.getEndLine())).toList();
        } catch (DroolsParserException | RuntimeException e) {
            return List.of();
        }
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

    /** policies.yaml itself, not every name ending in it. */
    private static Map<String, byte[]> policiesFile(Path folder) {
        Map<String, byte[]> file = readFiles(folder, LocalPolicy.FILE, "");
        file.keySet().retainAll(Set.of(LocalPolicy.FILE));
        return file;
    }

    /** The files of one kind directly in a folder, by prefixed name; none if the folder does not exist. */
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

    private static RuleProblem toProblem(KnowledgeBuilderResult result, String shownFolder) {
        String file = result.getResource() instanceof InternalResource r && r.getSourcePath() != null
                ? r.getSourcePath() : shownFolder;
        int[] lines = result.getLines();
        Integer line = lines != null && lines.length > 0 && lines[0] > 0 ? lines[0] : null;
        return new RuleProblem(file, line, null, inAuthorsWords(oneLine(result.getMessage())));
    }

    private static final Pattern NO_SUCH_FIELD = Pattern.compile(
            "unable to resolve method using strict-mode: ([\\w.$]+)\\.(\\w+)\\(\\)");

    /** A fact field the fact model does not have, said in the fact model's words, with what it does have. */
    static String inAuthorsWords(String text) {
        Matcher m = NO_SUCH_FIELD.matcher(text);
        if (!m.find()) {
            return text;
        }
        return FactModel.FACTS.stream().filter(fact -> fact.getName().equals(m.group(1))).findFirst()
                .map(fact -> text.substring(0, m.start()) + RuleVocabulary.noField(fact, m.group(2))).orElse(text);
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
