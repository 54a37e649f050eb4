package org.acupressurecds.cdshooks;

import static org.acupressurecds.cdshooks.Ehr.ICD10CM;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real synthetic patients (Synthea R4, unchanged; provenance in src/test/resources/fhir-samples/README.md): long
 * histories, resolved conditions, decimal and coded observations. None has sciatica.
 */
@QuarkusTest
class SyntheaRecordsTest {

    static Stream<Path> patients() throws IOException {
        return Files.list(Path.of("src/test/resources/fhir-samples/synthea-r4"))
                .filter(p -> !p.getFileName().toString().matches("(hospital|practitioner)Information.*")).sorted();
    }

    private static Ehr read(Path file) throws IOException {
        return Ehr.of(Ehr.FHIR.newJsonParser().parseResource(Bundle.class, Files.readString(file)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("patients")
    void aPatientWithoutSciaticaGetsNoCardAndNoError(Path file) throws IOException {
        CdsHooksResourceTest.call(read(file)).statusCode(200).body("cards", empty());
    }

    /** The same real record once sciatica is diagnosed today: its own pain scores are years old, and the card says so. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("patients")
    void withSciaticaAddedTheRecordsOwnOldPainScoresAreNotTakenAsTodaysPain(Path file) throws IOException {
        CdsHooksResourceTest.oneCard(read(file).condition(ICD10CM, "G57.01"), "info")
                .body("cards[0].detail", matchesPattern("(?s).*The latest pain score is \\d+ days old, so it is not "
                        + "taken as today's pain.*"));
    }
}
