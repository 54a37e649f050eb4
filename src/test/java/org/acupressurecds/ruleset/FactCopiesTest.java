package org.acupressurecds.ruleset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.acupressurecds.request.AssessmentRequest;
import org.acupressurecds.engine.ConditionTerms;
import org.acupressurecds.knowledge.Laterality;
import org.acupressurecds.knowledge.PatientFacts;
import org.acupressurecds.knowledge.RedFlag;
import org.acupressurecds.knowledge.SciaticaType;
import org.acupressurecds.store.RecordedFacts;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every copy of the fact model keeps every field. A patient with each fact set to a value other than its default
 * comes back equal through the builder, the pseudonymised record an impact replay reads and the assessment API (for
 * the facts it takes); the safety gate varies every fact. A field added to PatientFacts and forgotten in a copy fails
 * here with the copy named; one of a type this test has no value for fails here too. The page's controls follow the
 * API (PageFieldsTest), the glossary the model (RuleAuthoringDocTest).
 */
class FactCopiesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 4);

    /** Facts the API does not take, each for a reason: the dates it takes as the assessment date, the record's own. */
    private static final Set<String> NOT_IN_THE_API = Set.of(
            "redFlagsNotedOn", "painScoreDate", "medicalClearanceDate", // a clinician's facts are today's
            "redFlagsMentioned", "recordEntriesUnread"); // what an EHR record leaves open

    /**
     * A value other than the default for each field, by the field's type. Red flags are screened by a clinician or
     * noted by a record on dates, never both: each patient is tried both ways.
     */
    private static Object valueFor(RecordComponent field, boolean screened) {
        String typeName = field.getGenericType().getTypeName();
        return switch (typeName) {
            case "org.acupressurecds.knowledge.SciaticaType" -> SciaticaType.SPINAL_STENOSIS;
            case "java.util.Set<org.acupressurecds.knowledge.RedFlag>" -> field.getName().equals("redFlags")
                    ? Set.of(RedFlag.FOOT_DROP, RedFlag.BLADDER_DYSFUNCTION) : Set.of(RedFlag.SADDLE_ANESTHESIA);
            case "java.util.Map<org.acupressurecds.knowledge.RedFlag, java.time.LocalDate>" ->
                    screened ? Map.of() : Map.of(RedFlag.BLADDER_DYSFUNCTION, TODAY.minusDays(120));
            case "boolean" -> field.getName().equals("redFlagsScreened") ? screened : true;
            case "java.lang.Boolean" -> true;
            case "java.lang.Integer" -> 3 + field.getName().length(); // a different number per field
            case "java.time.LocalDate" -> field.getName().equals("assessmentDate") ? TODAY
                    : TODAY.minusDays(3 + field.getName().length()); // a different date per field
            case "org.acupressurecds.knowledge.Laterality" -> Laterality.LEFT;
            default -> throw new AssertionError("PatientFacts." + field.getName() + " is of a type this test has no "
                    + "value for (" + typeName + "): add one, so its copies are checked");
        };
    }

    private static PatientFacts everyFactSet(boolean screened) throws ReflectiveOperationException {
        RecordComponent[] fields = PatientFacts.class.getRecordComponents();
        Object[] values = Arrays.stream(fields).map(field -> valueFor(field, screened)).toArray();
        Class<?>[] types = Arrays.stream(fields).map(RecordComponent::getType).toArray(Class<?>[]::new);
        return PatientFacts.class.getDeclaredConstructor(types).newInstance(values);
    }

    @ParameterizedTest(name = "screened: {0}")
    @ValueSource(booleans = {true, false})
    void everyCopyOfTheFactModelKeepsEveryFact(boolean screened) throws Exception {
        PatientFacts facts = everyFactSet(screened);
        List<String> lost = new ArrayList<>();

        lost.addAll(lostIn("the builder (PatientFacts.toBuilder)", facts, facts.toBuilder().build(), Set.of()));
        lost.addAll(lostIn("the decision record (RecordedFacts, which impact replays read)", facts,
                RecordedFacts.of(facts).toFacts(TODAY), Set.of()));
        lost.addAll(lostIn("the decision record as kept in the store (RecordedFacts.kept and ofKept)", facts,
                RecordedFacts.ofKept(RecordedFacts.of(facts).kept()).toFacts(TODAY), Set.of()));
        Set<String> apiFields = names(AssessmentRequest.class.getRecordComponents());
        for (RecordComponent field : PatientFacts.class.getRecordComponents()) {
            if (!apiFields.contains(field.getName()) && !NOT_IN_THE_API.contains(field.getName())) {
                lost.add("the assessment API (AssessmentRequest) has no " + field.getName()
                        + ": add it, or list it in NOT_IN_THE_API with why");
            }
        }
        // What the page is opened with from a card: a record's facts, today's pain and clearance among them. It never
        // says the red flags were screened: the clinician does.
        PatientFacts fromARecord = facts.toBuilder().painScore(facts.painScore(), TODAY)
                .medicalClearance(facts.medicalClearance(), TODAY).build();
        Set<String> notCopied = new TreeSet<>(NOT_IN_THE_API);
        notCopied.add("redFlagsScreened");
        lost.addAll(lostIn("the assessment API (AssessmentRequest.describing and toFacts)", fromARecord,
                AssessmentRequest.describing(fromARecord).toFacts(TODAY), notCopied));
        Set<String> tried = GateSpace.of(new ConditionTerms(new TreeSet<>(), new TreeSet<>(), Set.of(), new TreeSet<>()),
                TODAY).factsTried();
        for (RecordComponent field : PatientFacts.class.getRecordComponents()) {
            if (!tried.contains(field.getName())) {
                lost.add("the safety gate (GateSpace) never varies " + field.getName());
            }
        }

        assertEquals(List.of(), lost);
    }

    /** The fields whose value the copy does not give back, each named with the copy. */
    private static List<String> lostIn(String copy, PatientFacts facts, PatientFacts back, Set<String> notCopied)
            throws ReflectiveOperationException {
        List<String> lost = new ArrayList<>();
        for (RecordComponent field : PatientFacts.class.getRecordComponents()) {
            if (notCopied.contains(field.getName())) {
                continue;
            }
            Object was = sorted(field.getAccessor().invoke(facts));
            Object is = sorted(field.getAccessor().invoke(back));
            if (!String.valueOf(was).equals(String.valueOf(is))) {
                lost.add(copy + " loses " + field.getName() + " (" + was + " came back as " + is + ")");
            }
        }
        return lost;
    }

    /** A set or map in a fixed order, to compare as text: PatientFacts does not print its values (patient data). */
    private static Object sorted(Object value) {
        return value instanceof Set<?> set ? new TreeSet<>(set) : value instanceof Map<?, ?> map ? new TreeMap<>(map)
                : value;
    }

    private static Set<String> names(RecordComponent[] components) {
        Set<String> names = new TreeSet<>();
        Arrays.stream(components).forEach(c -> names.add(c.getName()));
        return names;
    }
}
