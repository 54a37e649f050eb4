package org.acupressurecds.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import org.acupressurecds.knowledge.PatientFacts;
import org.acupressurecds.knowledge.SciaticaType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The record keeps the age in whole years, 90 and over as "90+" (HIPAA): a replay of a threshold under 90 is exact. */
class RecordedAgeTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 4);

    @ParameterizedTest(name = "{0} is recorded as {1}, replayed as {2}")
    @CsvSource({"0, 0, 0", "69, 69, 69", "70, 70, 70", "89, 89, 89", "90, 90+, 90", "104, 90+, 90"})
    void anAgeIsRecordedInWholeYearsAndNinetyOrMoreAsNinetyPlus(int age, String recorded, int replayed) {
        RecordedFacts facts = RecordedFacts.of(PatientFacts.builder(SciaticaType.SPINAL_STENOSIS, TODAY).age(age).build());

        assertEquals(recorded, facts.age());
        assertEquals(replayed, facts.toFacts(TODAY).age());
    }

    @Test
    void noAgeIsRecordedAsNone() {
        RecordedFacts facts = RecordedFacts.of(PatientFacts.builder(SciaticaType.SPINAL_STENOSIS, TODAY).build());

        assertNull(facts.age());
        assertNull(facts.toFacts(TODAY).age());
    }
}
