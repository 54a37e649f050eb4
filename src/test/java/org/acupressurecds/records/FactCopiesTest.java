package org.acupressurecds.records;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.acupressurecds.knowledge.Laterality;
import org.acupressurecds.knowledge.PatientFacts;
import org.acupressurecds.knowledge.RedFlag;
import org.acupressurecds.knowledge.SciaticaType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every copy of the fact model keeps every field: a patient with each fact set to a value other than its default
 * comes back equal through the builder and through the pseudonymised record an impact replay reads. A field added to
 * PatientFacts and forgotten in a copy fails here; one of a type this test has no value for fails here too.
 */
class FactCopiesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 4);

    /**
     * A value other than the default for each field, by the field's type. Red flags are screened by a clinician or
     * noted by a record on dates, never both: each patient is tried both ways.
     */
    private static Object valueFor(RecordComponent field, boolean screened) {
        Type type = field.getGenericType();
        String typeName = type.getTypeName();
        return switch (typeName) {
            case "org.acupressurecds.knowledge.SciaticaType" -> SciaticaType.SPINAL_STENOSIS;
            case "java.util.Set<org.acupressurecds.knowledge.RedFlag>" -> field.getName().equals("redFlags")
                    ? Set.of(RedFlag.FOOT_DROP, RedFlag.BLADDER_DYSFUNCTION) : Set.of(RedFlag.SADDLE_ANESTHESIA);
            case "java.util.Map<org.acupressurecds.knowledge.RedFlag, java.time.LocalDate>" ->
                    screened ? Map.of() : Map.of(RedFlag.BLADDER_DYSFUNCTION, TODAY.minusDays(120));
            case "boolean" -> field.getName().equals("redFlagsScreened") ? screened : true;
            case "java.lang.Boolean" -> true;
            case "java.lang.Integer" -> 7;
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
    void theBuilderKeepsEveryFact(boolean screened) throws ReflectiveOperationException {
        PatientFacts facts = everyFactSet(screened);
        assertEquals(describe(facts), describe(facts.toBuilder().build()));
    }

    @ParameterizedTest(name = "screened: {0}")
    @ValueSource(booleans = {true, false})
    void theDecisionRecordKeepsEveryFactForItsReplay(boolean screened) throws ReflectiveOperationException {
        PatientFacts facts = everyFactSet(screened);
        assertEquals(describe(facts), describe(RecordedFacts.of(facts).toFacts(TODAY)));
    }

    /** Field by field, as PatientFacts does not print its values (patient data). */
    private static String describe(PatientFacts facts) throws ReflectiveOperationException {
        StringBuilder text = new StringBuilder();
        for (RecordComponent field : PatientFacts.class.getRecordComponents()) {
            Object value = field.getAccessor().invoke(facts);
            Object sorted = value instanceof Set<?> set ? new TreeSet<>(set)
                    : value instanceof Map<?, ?> map ? new TreeMap<>(map) : value;
            text.append(field.getName()).append('=').append(sorted).append('\n');
        }
        return text.toString();
    }
}
