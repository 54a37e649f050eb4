package org.acupressurecds.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A fhirServer is fetched from only if it is exactly an allowed server, under its path, with nothing added. */
class FhirServerAllowlistTest {

    private static final List<String> ALLOWED = List.of("https://ehr.example.test/fhir", "http://127.0.0.1:8089/r4/");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            https://ehr.example.test/fhir                 | true
            https://ehr.example.test/fhir/                | true
            https://EHR.example.test/fhir/tenant-a        | true
            https://ehr.example.test:443/fhir             | true
            http://127.0.0.1:8089/r4                      | true
            http://ehr.example.test/fhir                  | false
            https://ehr.example.test/fhir2                | false
            https://ehr.example.test/                     | false
            https://ehr.example.test:8443/fhir            | false
            https://ehr.example.test.evil.example/fhir    | false
            https://user@ehr.example.test/fhir            | false
            https://ehr.example.test/fhir/../admin        | false
            https://ehr.example.test/fhir/%2e%2e/other    | false
            https://ehr.example.test/fhir/%2E%2E/other    | false
            https://ehr.example.test/fhir/.%2e/other      | false
            https://ehr.example.test/fhir/a%2fb           | false
            https://ehr.example.test/fhir/%5c..%5cother   | false
            https://ehr.example.test/fhir#                | false
            https://ehr.example.test/fhir?x=              | false
            http://127.0.0.1:8090/r4                      | false
            https://127.0.0.1:99999/fhir                  | false
            ftp://ehr.example.test/fhir                   | false
            not a url                                     | false
            """)
    void onlyAnAllowedServerUnderItsPath(String fhirServer, boolean allowed) {
        assertEquals(allowed, FhirServerAllowlist.allows(ALLOWED, fhirServer));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            https://anything.example/fhir   | true
            http://localhost:8080/fhir      | true
            file:///etc/passwd              | false
            https://anything.example/fhir#  | false
            """)
    void openModesStarAllowsAnyHttpServerButNothingElse(String fhirServer, boolean allowed) {
        assertEquals(allowed, FhirServerAllowlist.allows(List.of("*"), fhirServer));
    }
}
