package org.acupressurecds.ruleset;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.acupressurecds.request.AssessmentRequest;
import org.acupressurecds.engine.Evaluator;
import org.acupressurecds.engine.RuleProblem;
import org.acupressurecds.engine.RuleSet;
import org.acupressurecds.fhir.FhirReading;
import org.acupressurecds.http.FieldError;
import org.acupressurecds.http.InvalidRequestException;
import org.acupressurecds.http.StrictBinder;
import org.acupressurecds.http.StrictJson;
import org.acupressurecds.knowledge.Assessment;
import org.acupressurecds.knowledge.MissingData;
import org.acupressurecds.knowledge.Position;
import org.acupressurecds.knowledge.PositionId;
import org.acupressurecds.knowledge.Reason;
import org.acupressurecds.knowledge.PatientFacts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.acupressurecds.engine.RuleProblem.Kind;

/** Runs scenarios on a rule set and says, for each that fails, what differed. */
public final class ScenarioRunner {

    private final StrictBinder binder = new StrictBinder(StrictJson.strictStandalone(new ObjectMapper()));
    private final Evaluator evaluator = new Evaluator();
    private final BoundedRun.Limits limits;

    public ScenarioRunner() {
        this(BoundedRun.Limits.DEFAULT);
    }

    ScenarioRunner(BoundedRun.Limits limits) {
        this.limits = limits;
    }

    /** A run of evaluations within this runner's time limits, for one check. */
    BoundedRun bounded() {
        return new BoundedRun(limits);
    }

    /** One problem per failing scenario, at the scenario's line. */
    public List<RuleProblem> run(RuleSet rules, List<Scenario.Located> scenarios) {
        try (BoundedRun bounded = bounded()) {
            return run(rules, scenarios, bounded);
        }
    }

    /** As above, within the time limits of a check already under way; a scenario that times out ends the run. */
    List<RuleProblem> run(RuleSet rules, List<Scenario.Located> scenarios, BoundedRun bounded) {
        List<RuleProblem> failures = new ArrayList<>();
        Set<String> ruleNames = rules.rules().stream().map(RuleSet.RuleInfo::name).collect(Collectors.toSet());
        for (Scenario.Located located : scenarios) {
            List<String> differences;
            try {
                differences = differences(rules, located.scenario(), ruleNames, bounded);
            } catch (BoundedRun.TimedOut e) {
                failures.add(new RuleProblem(Kind.SCENARIO, located.file(), located.line(), null,
                        "scenario \"" + located.scenario().name() + "\": " + e.getMessage()));
                break;
            }
            if (!differences.isEmpty()) {
                failures.add(new RuleProblem(Kind.SCENARIO, located.file(), located.line(), null,
                        "scenario \"" + located.scenario().name() + "\": " + String.join("; ", differences)));
            }
        }
        return failures;
    }

    /** Runs the scenarios over and over, at least the given number of evaluations, so a new rule base is warm. */
    public void warmUp(RuleSet rules, List<Scenario.Located> scenarios, int evaluations) {
        List<PatientFacts> patients = new ArrayList<>();
        for (Scenario.Located s : scenarios) {
            try {
                patients.addAll(patientsOf(s.scenario(), rules));
            } catch (InvalidRequestException e) {
                // reported by run(); nothing to warm with
            }
        }
        for (int done = 0; !patients.isEmpty() && done < evaluations; done += patients.size()) {
            patients.forEach(p -> evaluator.evaluate(rules, p));
        }
    }

    private List<String> differences(RuleSet rules, Scenario scenario, Set<String> ruleNames, BoundedRun bounded) {
        Assessment answer;
        try {
            answer = answer(scenario, rules, p -> bounded.evaluate(rules, p));
        } catch (InvalidRequestException e) {
            String in = scenario.ehr() == null ? "patient." : "ehr.";
            return e.errors().stream().map(err -> in + err.field() + " " + err.message()).toList();
        } catch (BoundedRun.TimedOut e) {
            throw e;
        } catch (RuntimeException e) {
            return List.of("the rules failed on it: " + e.getMessage());
        }
        Scenario.Expect expect = scenario.expect();
        List<String> differences = new ArrayList<>();
        if (answer.verdict() != expect.verdict()) {
            differences.add("verdict " + answer.verdict() + ", expected " + expect.verdict());
        }
        Integer stars = answer.expectedResponse() == null ? null : answer.expectedResponse().stars();
        if (expect.stars() != null && !expect.stars().equals(stars)) {
            differences.add("stars " + stars + ", expected " + expect.stars());
        }
        if (expect.level() != null && (answer.expectedResponse() == null || answer.expectedResponse().level() != expect.level())) {
            differences.add("level " + (answer.expectedResponse() == null ? null : answer.expectedResponse().level())
                    + ", expected " + expect.level());
        }
        if (expect.plan() != null && expect.plan() != answer.hasPlan()) {
            differences.add(expect.plan() ? "no plan was given, expected one" : "a plan was given, expected none");
        }
        if (expect.actionStartsWith() != null && !answer.action().startsWith(expect.actionStartsWith())) {
            differences.add("the action starts \"" + answer.action().substring(0,
                    Math.min(answer.action().length(), expect.actionStartsWith().length() + 20))
                    + "\", expected \"" + expect.actionStartsWith() + "\"");
        }
        Set<String> fired = answer.reasons().stream().map(Reason::rule).collect(Collectors.toSet());
        for (String rule : orEmpty(expect.rulesFired())) {
            differences.add(!ruleNames.contains(rule) ? "no rule is named \"" + rule + "\""
                    : fired.contains(rule) ? null : "rule \"" + rule + "\" did not fire");
        }
        for (String rule : orEmpty(expect.rulesNotFired())) {
            differences.add(!ruleNames.contains(rule) ? "no rule is named \"" + rule + "\""
                    : fired.contains(rule) ? "rule \"" + rule + "\" fired" : null);
        }
        Set<PositionId> positions = answer.positions() == null ? Set.of()
                : answer.positions().stream().map(Position::id).collect(Collectors.toSet());
        orEmpty(expect.positionsPresent()).stream().filter(p -> !positions.contains(p))
                .forEach(p -> differences.add("position " + p + " is missing"));
        orEmpty(expect.positionsAbsent()).stream().filter(positions::contains)
                .forEach(p -> differences.add("position " + p + " is recommended"));
        Set<String> missing = answer.missingData().stream().map(MissingData::field).collect(Collectors.toSet());
        orEmpty(expect.missingData()).stream().filter(field -> !missing.contains(field))
                .forEach(field -> differences.add("missing " + field + " is not reported"));
        if (expect.answer() != null) {
            differences.addAll(wordsDiffering("answer", expect.answer(), ANSWER_JSON.valueToTree(answer)));
        }
        differences.removeIf(d -> d == null);
        if (!differences.isEmpty()) {
            differences.add(decidedBy(rules, answer));
        }
        return differences;
    }

    /** Which rules decided the verdict, with where each is, so an author whose scenario fails knows where to look. */
    private static String decidedBy(RuleSet rules, Assessment answer) {
        Map<String, RuleSet.RuleInfo> byName = new HashMap<>();
        rules.rules().forEach(r -> byName.put(r.name(), r));
        return "the verdict was decided by " + answer.decidedBy().stream().map(name -> {
            RuleSet.RuleInfo rule = byName.get(name);
            return "\"" + name + "\"" + (rule == null ? "" : " (" + rule.file() + ":" + rule.line() + ")");
        }).collect(Collectors.joining(", "));
    }

    /** The answer as the API writes it: what a scenario's expect.answer is compared with. */
    private static final ObjectMapper ANSWER_JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /**
     * Where the answer's words differ from those expected: an object's fields named, a list item by item (as many
     * items, in order), a value as written.
     */
    private static List<String> wordsDiffering(String at, JsonNode expected, JsonNode actual) {
        if (expected.isObject()) {
            if (!actual.isObject()) {
                return List.of(at + " is " + actual + ", expected an object");
            }
            List<String> found = new ArrayList<>();
            expected.fields().forEachRemaining(field -> found.addAll(wordsDiffering(at + "." + field.getKey(),
                    field.getValue(), actual.path(field.getKey()))));
            return found;
        }
        if (expected.isArray()) {
            if (!actual.isArray() || actual.size() != expected.size()) {
                return List.of(at + " has " + (actual.isArray() ? actual.size() + " item(s)" : actual) + ", expected "
                        + expected.size());
            }
            List<String> found = new ArrayList<>();
            for (int i = 0; i < expected.size(); i++) {
                found.addAll(wordsDiffering(at + "[" + i + "]", expected.get(i), actual.get(i)));
            }
            return found;
        }
        return expected.asText().equals(actual.asText()) && actual.isValueNode() ? List.of()
                : List.of(at + " is " + (actual.isMissingNode() ? "absent" : actual.toString()) + ", expected \""
                        + expected.asText() + "\"");
    }

    /** The scenario's patient, validated like a request; InvalidRequestException when it is not valid. */
    /**
     * The scenario's answer on the rules: its patient read as the API reads one, or its EHR record as CDS Hooks reads
     * one (with these rules' code tables), evaluated; where a record allows several readings, the most cautious.
     */
    Assessment answer(Scenario scenario, RuleSet rules, Function<PatientFacts, Assessment> evaluate) {
        return patientsOf(scenario, rules).stream().map(evaluate).max(Assessment.MOST_CAUTIOUS).orElseThrow();
    }

    /** The readings of the scenario's patient; a record the reader finds no sciatica in is refused, as a hook shows no card. */
    List<PatientFacts> patientsOf(Scenario scenario, RuleSet rules) {
        if (scenario.ehr() == null) {
            return List.of(patientOf(scenario));
        }
        FhirReading reading;
        try {
            reading = scenario.ehr().read(rules.codes());
        } catch (RuntimeException e) { // a status FHIR does not have
            throw new InvalidRequestException(List.of(new FieldError("procedures", "cannot be read: " + e.getMessage())));
        }
        if (!reading.hasSciatica()) {
            throw new InvalidRequestException(List.of(new FieldError("conditions", "hold no sciatica the code tables "
                    + "read, so CDS Hooks would show no card" + (reading.notes().isEmpty() ? ""
                    : " (" + String.join(" ", reading.notes()) + ")"))));
        }
        return reading.candidates();
    }

    private PatientFacts patientOf(Scenario scenario) {
        LocalDate today = LocalDate.now();
        PatientFacts f = AssessmentRequest.factsOf(binder, scenario.patient(), today);
        if (!scenario.isFromEhr()) {
            return f;
        }
        Scenario.RecordedOn on = scenario.recordedOn();
        PatientFacts.Builder ehr = f.toBuilder().notScreened().withoutRedFlags();
        f.redFlags().forEach(flag -> ehr.redFlag(flag,
                on == null || on.redFlags() == null ? null : on.redFlags().get(flag)));
        if (on != null && on.painScore() != null) {
            ehr.painScore(f.painScore(), on.painScore());
        }
        if (on != null && on.medicalClearance() != null) {
            ehr.medicalClearance(f.medicalClearance(), on.medicalClearance());
        }
        Scenario.RecordLeftOpen open = scenario.record();
        if (open != null) {
            orEmpty(open.redFlagsMentioned()).forEach(ehr::redFlagMentioned);
            ehr.recordEntriesUnread(open.entriesUnread());
        }
        return ehr.build();
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
