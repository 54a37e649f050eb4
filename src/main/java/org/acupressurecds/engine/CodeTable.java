package org.acupressurecds.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.acupressurecds.engine.RuleProblem.Kind;
import org.acupressurecds.knowledge.Laterality;
import org.acupressurecds.knowledge.RedFlag;
import org.acupressurecds.knowledge.SciaticaType;

/**
 * Which patient fact a coded concept means, matched on (system, code) in any form its system allows
 * ({@link CodeSystems}): a code's own row, else the longest family ({@code N39.4*}) it belongs to. Standard codes come
 * from the CSV files in the rules' codes folder, which rule authors extend; the project's own CodeSystem needs no
 * table: its codes are the assessment API's enum names. The same folder holds the phrases that name a red flag in
 * words ({@link RedFlagWords}).
 */
public final class CodeTable {

    /** A row of a code table; rows are read one line at a time, so a problem is told at its line. */
    private static final ObjectReader CSV_ROW = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .readerFor(String[].class).with(CsvSchema.emptySchema());

    public static final String FINDING_SYSTEM = "https://acupressure-cds.org/fhir/CodeSystem/sciatica-finding";
    static final String HEADER = "system,code,fact,value,laterality,display";
    /** A code ending in this stands for every code of its system that begins with what comes before it. */
    static final String FAMILY = "*";

    /** The facts a code can stand for. */
    public enum Fact {
        SCIATICA_TYPE, RED_FLAG, LARGE_DISC_HERNIATION_WITH_IMPINGEMENT, SPINAL_SURGERY, MEDICAL_CLEARANCE,
        REFERRED_LEG_PAIN, SEDENTARY_WORK,
        /** A body-site code that says the side (Condition.bodySite of a sciatica condition); laterality is required. */
        SIDE
    }

    /** What one code means; value is the sciatica type or red flag, where the fact has one. */
    public record Meaning(Fact fact, String value, Laterality laterality, String display) {
    }

    /** A code of the project's own CodeSystem that it does not define: a caller's error, not a code to ignore. */
    public static class UnknownFindingCode extends RuntimeException {
        UnknownFindingCode(String code) {
            super("'" + code + "' is not a code of " + FINDING_SYSTEM + "; its codes are " + findingCodes().keySet());
        }
    }

    /**
     * A family row, where it is written, the table's own code rows under it (which win over it), and the real codes
     * it covers where a reference list of its system ships with the service ({@link RealCodes}).
     */
    public record Family(String file, int line, String system, String code, Meaning meaning, List<String> ownRows,
            Optional<List<String>> realCodes) {

        /** What the family covers, in words: for the rule authors' check. */
        public String inWords() {
            String real = realCodes.map(codes -> codes.isEmpty()
                            ? ": no code of the reference list begins " + stem(code) + ", check the stem"
                            : ": " + String.join(", ", codes))
                    .orElse(" (no reference list of this system's codes ships with the service)");
            return file + ":" + line + ": " + code + " (" + system + ") is " + meaning.fact()
                    + (meaning.value() == null ? "" : " " + meaning.value()) + " for every code beginning "
                    + stem(code) + real + (ownRows.isEmpty() ? "" : "; these have their own rows, which win: "
                    + String.join(", ", ownRows));
        }
    }

    private final Map<String, Meaning> meanings;
    private final Map<String, Meaning> families;
    private final List<Family> familyRows;
    private final Set<String> systems;
    private final RedFlagWords words;

    private CodeTable(Map<String, Meaning> meanings, Map<String, Meaning> families, List<Family> familyRows,
            RedFlagWords words) {
        this.meanings = Map.copyOf(meanings);
        this.families = Map.copyOf(families);
        this.familyRows = familyRows.stream().map(f -> new Family(f.file(), f.line(), f.system(), f.code(),
                f.meaning(), coveredRows(f, meanings.keySet()), RealCodes.under(f.system(), stem(f.code())))).toList();
        this.words = words;
        Set<String> known = new HashSet<>(List.of(FINDING_SYSTEM));
        Stream.concat(meanings.keySet().stream(), families.keySet().stream())
                .forEach(key -> known.add(key.substring(0, key.lastIndexOf('|'))));
        this.systems = Set.copyOf(known);
    }

    public Optional<Meaning> lookup(String system, String code) {
        String canonical = CodeSystems.canonical(system);
        if (FINDING_SYSTEM.equals(canonical)) {
            Meaning meaning = findingCodes().get(code == null ? null : code.strip());
            if (meaning == null) {
                throw new UnknownFindingCode(code);
            }
            return Optional.of(meaning);
        }
        if (canonical == null || code == null) {
            return Optional.empty();
        }
        String comparable = CodeSystems.comparable(canonical, code);
        Meaning exact = meanings.get(canonical + "|" + comparable);
        if (exact != null) {
            return Optional.of(exact);
        }
        for (int stem = comparable.length(); stem > 0; stem--) { // the longest family first
            Meaning family = families.get(canonical + "|" + comparable.substring(0, stem));
            if (family != null) {
                return Optional.of(family);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the table reads codes of this system (in any of its forms): a code of a system it does not read is
     * not known to mean nothing here, unlike an unlisted code of a system it does read.
     */
    public boolean reads(String system) {
        return system != null && systems.contains(CodeSystems.canonical(system));
    }

    /** The family rows, each with the table's own rows under it: a family covers every code beginning its stem. */
    public List<Family> families() {
        return familyRows;
    }

    private static List<String> coveredRows(Family family, Set<String> rows) {
        String prefix = key(family.system(), stem(family.code()));
        boolean dotted = CodeSystems.ICD10CM.equals(family.system()) || CodeSystems.ICD10.equals(family.system());
        return rows.stream().filter(row -> row.startsWith(prefix) && !row.equals(prefix))
                .map(row -> row.substring(row.lastIndexOf('|') + 1))
                .map(code -> dotted && code.length() > 3 ? code.substring(0, 3) + "." + code.substring(3) : code)
                .sorted().toList();
    }

    /** The red flags a text names (a condition's text or display), each with the phrase that names it. */
    public Map<String, RedFlag> redFlagsNamedIn(String text) {
        return words.namedIn(text);
    }

    /** The key of a row: its system's canonical URI and the code as that system compares it. */
    private static String key(String system, String code) {
        String canonical = CodeSystems.canonical(system);
        return canonical + "|" + CodeSystems.comparable(canonical, code);
    }

    private static Map<String, Meaning> findingCodes() {
        Map<String, Meaning> codes = new java.util.LinkedHashMap<>();
        Arrays.stream(SciaticaType.values()).forEach(t ->
                codes.put(t.name(), new Meaning(Fact.SCIATICA_TYPE, t.name(), null, t.name())));
        Arrays.stream(RedFlag.values()).forEach(f ->
                codes.put(f.name(), new Meaning(Fact.RED_FLAG, f.name(), null, f.name())));
        Stream.of(Fact.LARGE_DISC_HERNIATION_WITH_IMPINGEMENT, Fact.MEDICAL_CLEARANCE, Fact.REFERRED_LEG_PAIN,
                Fact.SEDENTARY_WORK).forEach(f -> codes.put(f.name(), new Meaning(f, null, null, f.name())));
        return codes;
    }

    /** Reads every {@code codes/*.csv} of the rules, a code table or a list of red-flag phrases by its header. */
    public static CodeTable load(RulesSnapshot rules) throws RuleSetException {
        Map<String, Meaning> meanings = new HashMap<>();
        Map<String, Meaning> families = new HashMap<>();
        List<Family> familyRows = new ArrayList<>();
        RedFlagWords.Builder words = RedFlagWords.builder();
        List<RuleProblem> problems = new ArrayList<>();
        rules.text(RulesSnapshot.CODES, ".csv").forEach((name, text) ->
                read(rules.shown(name), text.lines().toList(), meanings, families, familyRows, words, problems));
        if (!problems.isEmpty()) {
            throw new RuleSetException(problems);
        }
        return new CodeTable(meanings, families, familyRows, words.build());
    }

    private static void read(String file, List<String> lines, Map<String, Meaning> meanings,
            Map<String, Meaning> families, List<Family> familyRows, RedFlagWords.Builder words,
            List<RuleProblem> problems) {
        String header = null;
        for (int i = 0; i < lines.size(); i++) {
            int lineNumber = i + 1;
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (header == null) {
                header = line;
                if (!line.equals(HEADER) && !line.equals(RedFlagWords.HEADER)) {
                    problems.add(new RuleProblem(Kind.CODE_TABLE, file, lineNumber, null, "code table: the header must be: " + HEADER
                            + " (codes), or " + RedFlagWords.HEADER + " (phrases that name a red flag)"));
                    return;
                }
                continue;
            }
            try {
                List<String> cells = cells(line);
                if (header.equals(RedFlagWords.HEADER)) {
                    words.add(cells);
                    continue;
                }
                if (cells.size() != 6) {
                    throw new IllegalArgumentException("expected 6 columns (" + HEADER + "), found " + cells.size());
                }
                Meaning meaning = meaning(cells);
                boolean family = cells.get(1).endsWith(FAMILY);
                String code = family ? stem(cells.get(1)) : cells.get(1);
                if ((family ? families : meanings).putIfAbsent(key(cells.get(0), code), meaning) != null) {
                    throw new IllegalArgumentException(cells.get(0) + " " + cells.get(1) + " is mapped twice");
                }
                if (family) {
                    familyRows.add(new Family(file, lineNumber, CodeSystems.canonical(cells.get(0)), cells.get(1),
                            meaning, List.of(), Optional.empty()));
                }
            } catch (IllegalArgumentException e) {
                problems.add(new RuleProblem(Kind.CODE_TABLE, file, lineNumber, null, "code table: " + e.getMessage()));
            }
        }
    }

    /** What a family's codes begin with: {@code N39.4*} is N39.4, {@code R33.*} is R33. */
    static String stem(String family) {
        String stem = family.substring(0, family.length() - FAMILY.length());
        return stem.endsWith(".") ? stem.substring(0, stem.length() - 1) : stem;
    }

    private static Meaning meaning(List<String> cells) {
        if (cells.get(0).isBlank() || cells.get(1).isBlank()) {
            throw new IllegalArgumentException("system and code are required");
        }
        if (cells.get(1).endsWith(FAMILY)) {
            CodeFormat.checkFamily(CodeSystems.canonical(cells.get(0)), cells.get(1), stem(cells.get(1)));
        } else {
            CodeFormat.check(CodeSystems.canonical(cells.get(0)), cells.get(1));
        }
        if (cells.get(5).isBlank()) {
            throw new IllegalArgumentException("the display is required: the code system's text (our own wording for CPT)");
        }
        Fact fact = parse(Fact.class, "fact", cells.get(2));
        String value = cells.get(3);
        switch (fact) {
            case SCIATICA_TYPE -> parse(SciaticaType.class, "value", value);
            case RED_FLAG -> parse(RedFlag.class, "value", value);
            default -> {
                if (!value.isEmpty()) {
                    throw new IllegalArgumentException("fact " + fact + " takes no value, found '" + value + "'");
                }
            }
        }
        Laterality laterality = cells.get(4).isEmpty() ? null : parse(Laterality.class, "laterality", cells.get(4));
        if (fact == Fact.SIDE && laterality == null) {
            throw new IllegalArgumentException("fact SIDE needs a laterality: LEFT, RIGHT or BILATERAL");
        }
        return new Meaning(fact, value.isEmpty() ? null : value, laterality, cells.get(5));
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String column, String text) {
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(column + " '" + text + "' is not one of "
                    + Arrays.toString(type.getEnumConstants()));
        }
    }

    /** One CSV row (RFC 4180, read by Jackson): a cell in quotes may hold commas, and "" inside it is one quote. */
    public static List<String> cells(String line) {
        try {
            return Arrays.stream(CSV_ROW.<String[]>readValues(line).next()).map(String::strip).toList();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the row is not CSV: " + (e instanceof JsonProcessingException json
                    ? json.getOriginalMessage() : e.getMessage()));
        }
    }
}
