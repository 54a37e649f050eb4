package org.acupressurecds.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.acupressurecds.engine.RulesSnapshot;
import org.acupressurecds.ruleset.Scenario;
import org.acupressurecds.ruleset.ScenarioFiles;

/**
 * The patients of the bundled scenarios, for the channels that decide on today's date (CDS Hooks, $apply): each moved
 * to today with every date it holds, so an API answer and an EHR's answer are on the same facts.
 */
public final class ScenarioPatients {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DATE = Pattern.compile("\"(\\d{4}-\\d{2}-\\d{2})\"");

    private ScenarioPatients() {
    }

    public static Stream<Scenario.Located> scenarios() throws Exception {
        return ScenarioFiles.read(RulesSnapshot.read(Path.of("rules"))).stream();
    }

    /** The scenarios with a patient as the API takes one. */
    public static Stream<Scenario.Located> withPatients() throws Exception {
        return scenarios().filter(s -> s.scenario().patient() != null);
    }

    /** The scenario's patient, assessed today: its assessment date and every other date moved as far. */
    public static JsonNode today(Scenario.Located scenario) throws Exception {
        JsonNode patient = scenario.scenario().patient();
        return JSON.readTree(movedDates(patient.toString(), patient.hasNonNull("assessmentDate")
                ? ChronoUnit.DAYS.between(LocalDate.parse(patient.get("assessmentDate").asText()), LocalDate.now())
                : 0));
    }

    /** JSON with every date in it (a string that is a whole date) moved by some days. */
    public static String movedDates(String json, long days) {
        Matcher date = DATE.matcher(json);
        StringBuilder out = new StringBuilder();
        while (date.find()) {
            date.appendReplacement(out, "\"" + LocalDate.parse(date.group(1)).plusDays(days) + "\"");
        }
        date.appendTail(out);
        return out.toString();
    }
}
