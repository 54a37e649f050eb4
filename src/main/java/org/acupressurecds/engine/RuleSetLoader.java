package org.acupressurecds.engine;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.acupressurecds.engine.RuleProblem.Kind;
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

    private final RuleLanguage language = new RuleLanguage();
    private final BytecodeCheck bytecode = new BytecodeCheck(new RuleVocabulary(), RuleLanguage.PACKAGE);
    private final ClassLoader factClassLoader = new MissCachingClassLoader(PatientFacts.class.getClassLoader());

    /** Loads the folder as it is on disk; problems name files as {@code <folder>/<file>.drl}. */
    public RuleSet load(Path folder) throws RuleSetException {
        return load(RulesSnapshot.read(folder));
    }

    /** Loads the folder as if the overlay's DRL files (name to content) replaced or joined its own. */
    public RuleSet load(Path folder, Map<String, String> overlay) throws RuleSetException {
        return load(RulesSnapshot.read(folder).with(overlay));
    }

    /** Compiles a snapshot: its DRL, with its code tables and local policies; its version is the snapshot's. */
    public RuleSet load(RulesSnapshot snapshot) throws RuleSetException {
        String shownFolder = snapshot.folder();
        Map<String, String> drl = snapshot.drl();
        if (drl.isEmpty()) {
            throw new RuleSetException(List.of(new RuleProblem(Kind.RULES_FOLDER, shownFolder, null, null,
                    "no .drl rule files in the rules folder")));
        }
        CodeTable codes = null;
        List<LocalPolicy> policies = List.of();
        List<RuleProblem> problems = new ArrayList<>();
        try {
            codes = CodeTable.load(snapshot);
        } catch (RuleSetException e) {
            problems.addAll(e.problems());
        }
        try {
            policies = LocalPolicy.read(snapshot);
        } catch (RuleSetException e) {
            problems.addAll(e.problems());
        }
        // Rules are code: nothing is compiled, let alone run, before every file passes the check.
        RuleLanguage.Checked checked = language.check(drl, shownFolder);
        problems.addAll(checked.problems());
        if (!checked.problems().isEmpty()) {
            throw new RuleSetException(problems);
        }
        KieBase kieBase = compileOrThrow(checked.packages(), shownFolder, problems);
        return new RuleSet(snapshot.version(), List.copyOf(snapshot.files().keySet()), Instant.now(), kieBase, codes,
                catalogue(kieBase, checked.packages(), shownFolder), policies, checked.terms());
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
                    return new RuleProblem(Kind.COMPILE, shownFolder + "/" + file.getKey(), rule.getLine(), null, "");
                }
            }
            for (FunctionDescr function : file.getValue().getFunctions()) {
                if (function.getClassName() != null && className.endsWith("/" + function.getClassName())) {
                    return new RuleProblem(Kind.COMPILE, shownFolder + "/" + file.getKey(), function.getLine(), null, "");
                }
            }
        }
        return new RuleProblem(Kind.COMPILE, shownFolder, null, null, "");
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

    /** Drools adds this after every parse error; it tells the author nothing. */
    private static boolean isNoise(String text) {
        return text.contains("Parser returned a null Package");
    }

    private static RuleProblem toProblem(KnowledgeBuilderResult result, String shownFolder) {
        String file = result.getResource() instanceof InternalResource r && r.getSourcePath() != null
                ? r.getSourcePath() : shownFolder;
        int[] lines = result.getLines();
        Integer line = lines != null && lines.length > 0 && lines[0] > 0 ? lines[0] : null;
        return new RuleProblem(Kind.COMPILE, file, line, null, inAuthorsWords(oneLine(result.getMessage())));
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
