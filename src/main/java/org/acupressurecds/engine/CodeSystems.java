package org.acupressurecds.engine;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The code systems EHRs send, each under one canonical URI whatever form it comes in: its FHIR URI, its OID
 * ({@code urn:oid:2.16.840.1.113883.6.96} is SNOMED CT), https for http, another case, a trailing slash. Codes are
 * compared as their system does: ICD-10 and ICD-10-CM without regard to case or the dot ({@code g834} is G83.4),
 * ICD-10-PCS and CPT without regard to case.
 */
public final class CodeSystems {

    public static final String SNOMED = "http://snomed.info/sct";
    public static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
    public static final String ICD10 = "http://hl7.org/fhir/sid/icd-10";
    public static final String CPT = "http://www.ama-assn.org/go/cpt";
    public static final String ICD10PCS = "http://www.cms.gov/Medicare/Coding/ICD10";
    public static final String LOINC = "http://loinc.org";

    /** The other names of each system, as EHRs send them: OIDs from HL7's registry, and the forms seen in records. */
    private static final Map<String, String> ALIASES = aliases();
    /** Systems whose codes ignore case and the dot between category and subcategory. */
    private static final Set<String> DOTLESS = Set.of(ICD10CM, ICD10);
    private static final Set<String> CASELESS = Set.of(ICD10CM, ICD10, ICD10PCS, CPT);

    private CodeSystems() {
    }

    private static Map<String, String> aliases() {
        Map<String, String> aliases = new LinkedHashMap<>();
        alias(aliases, SNOMED, "urn:oid:2.16.840.1.113883.6.96");
        alias(aliases, ICD10CM, "urn:oid:2.16.840.1.113883.6.90");
        alias(aliases, ICD10, "urn:oid:2.16.840.1.113883.6.3");
        alias(aliases, CPT, "urn:oid:2.16.840.1.113883.6.12");
        alias(aliases, ICD10PCS, "urn:oid:2.16.840.1.113883.6.4", "http://hl7.org/fhir/sid/icd-10-pcs");
        alias(aliases, LOINC, "urn:oid:2.16.840.1.113883.6.1");
        return Map.copyOf(aliases);
    }

    private static void alias(Map<String, String> aliases, String canonical, String... others) {
        aliases.put(folded(canonical), canonical);
        for (String other : others) {
            aliases.put(folded(other), canonical);
        }
    }

    /** A system's URI as compared: lower case, http for https, no trailing slash, no surrounding space. */
    private static String folded(String system) {
        String s = system.strip().toLowerCase(Locale.ROOT);
        if (s.startsWith("https://")) {
            s = "http://" + s.substring("https://".length());
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    /** The canonical URI of a system this class knows; any other system as given, stripped; null stays null. */
    public static String canonical(String system) {
        if (system == null) {
            return null;
        }
        return ALIASES.getOrDefault(folded(system), system.strip());
    }

    /** A code as its (canonical) system compares it: without the dot and in upper case for ICD-10(-CM). */
    public static String comparable(String canonicalSystem, String code) {
        if (code == null) {
            return null;
        }
        String c = code.strip();
        if (CASELESS.contains(canonicalSystem)) {
            c = c.toUpperCase(Locale.ROOT);
        }
        return DOTLESS.contains(canonicalSystem) ? c.replace(".", "") : c;
    }

    /** Whether a coding is the given code of the given system, in any of the forms above. */
    public static boolean is(String system, String code, String canonicalSystem, String expectedCode) {
        String canonical = canonical(system);
        return canonicalSystem.equals(canonical)
                && comparable(canonical, expectedCode).equals(comparable(canonical, code));
    }
}
