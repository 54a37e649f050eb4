package org.acupressurecds.ruleset;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.acupressurecds.fhir.CodedRecord;
import org.acupressurecds.knowledge.PositionId;
import org.acupressurecds.knowledge.RedFlag;
import org.acupressurecds.knowledge.ResponseLevel;
import org.acupressurecds.knowledge.Verdict;

/**
 * A clinical case a rule author owns: given a patient (the fields of POST /api/v1/assessments), expect a verdict
 * and optionally the response, whether a plan is given, how the action starts (what the summary leads with), rules that must or must not fire, positions present or absent,
 * facts that must be reported missing, and the answer's own words (answer: any part of the API's answer, as its JSON;
 * an object names only the fields that matter, a list gives every item in order, {} for one that does not matter).
 * fromEhr: the patient's facts come from an EHR record, which is no red-flag
 * screening; recordedOn (implies fromEhr) gives the dates the record noted them on, which the rules judge; record
 * (implies fromEhr) what the record left open: red flags it names only in words, entries the service could not read.
 * ehr, instead of patient: an EHR record as codings with dates (conditions, procedures, pain scores, a birth date),
 * read by the same reader as a CDS Hooks call with the rule set's own code tables, so a code row can be pinned.
 */
public record Scenario(String name, String source, Boolean fromEhr, RecordedOn recordedOn, RecordLeftOpen record,
        JsonNode patient, CodedRecord ehr, Expect expect) {

    /** When an EHR noted the patient's facts; a red flag not listed was noted today. */
    public record RecordedOn(LocalDate painScore, LocalDate medicalClearance, Map<RedFlag, LocalDate> redFlags) {
    }

    /** What an EHR record left open: red flags named only in words, and whether an entry could not be read. */
    public record RecordLeftOpen(List<RedFlag> redFlagsMentioned, Boolean entriesUnread) {
    }

    boolean isFromEhr() {
        return Boolean.TRUE.equals(fromEhr) || recordedOn != null || record != null;
    }

    public record Expect(
            Verdict verdict,
            Integer stars,
            ResponseLevel level,
            Boolean plan,
            String actionStartsWith,
            List<String> rulesFired,
            List<String> rulesNotFired,
            List<PositionId> positionsPresent,
            List<PositionId> positionsAbsent,
            List<String> missingData,
            JsonNode answer) {
    }

    /**
     * A scenario as read from its file: the file as shown and the line where it starts, for messages; path, the file's
     * name in the rules folder (scenarios/x.yaml); text, the scenario's own lines, to tell whether an author edited it.
     */
    public record Located(Scenario scenario, String file, int line, String path, String text) {
    }
}
