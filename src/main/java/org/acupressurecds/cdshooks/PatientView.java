package org.acupressurecds.cdshooks;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.acupressurecds.cdshooks.CdsJson.Card;
import org.acupressurecds.cdshooks.CdsJson.Cards;
import org.acupressurecds.cdshooks.CdsJson.Coding;
import org.acupressurecds.cdshooks.CdsJson.Link;
import org.acupressurecds.engine.CodeTable;
import org.acupressurecds.engine.RuleService;
import org.acupressurecds.engine.RuleSet;
import org.acupressurecds.fhir.FhirPatientReader;
import org.acupressurecds.fhir.FhirReading;
import org.acupressurecds.fhir.Prefetched;
import org.acupressurecds.http.FieldError;
import org.acupressurecds.http.InvalidRequestException;
import org.acupressurecds.knowledge.Assessment;
import org.acupressurecds.knowledge.PatientFacts;
import org.acupressurecds.records.Channel;
import org.acupressurecds.records.DecisionRecord;
import org.acupressurecds.records.DecisionRecorder;
import org.acupressurecds.records.Requester;
import org.acupressurecds.web.PageLink;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The patient-view hook, once its FHIR data is at hand: read the record, decide on every reading of it, show the most
 * cautious answer as one card, and remember the card for its feedback.
 */
@ApplicationScoped
public class PatientView {

    /** Where named types conflict, the most cautious answer: the most severe verdict, then the lowest response. */
    static final Comparator<Assessment> MOST_CAUTIOUS = Comparator.comparing(Assessment::verdict)
            .thenComparing(a -> a.expectedResponse() == null ? 0 : -a.expectedResponse().stars());

    private final RuleService rules;
    private final DecisionRecorder recorder;
    private final Clock clock;
    private final Optional<URI> pageBase;

    PatientView(RuleService rules, DecisionRecorder recorder, Clock clock,
            @ConfigProperty(name = "cds.public-url") Optional<URI> pageBase) {
        this.rules = rules;
        this.recorder = recorder;
        this.clock = clock;
        this.pageBase = pageBase;
    }

    /**
     * The card leaves only once its decision record is kept, or, where it cannot be, only if it is urgent (a red flag):
     * the policy of every channel ({@link DecisionRecorder#keep}).
     */
    Cards decide(Map<String, Prefetched> data, String patientId, Requester requester, String requestDigest) {
        LocalDate today = LocalDate.now(clock);
        RuleSet snapshot = rules.current(); // codes and rules of one version, whatever reloads meanwhile
        FhirReading reading;
        try {
            reading = new FhirPatientReader(snapshot.codes(), clock.getZone()).read(data, patientId, today);
        } catch (CodeTable.UnknownFindingCode e) {
            throw new InvalidRequestException(List.of(new FieldError("prefetch." + FhirPatientReader.CONDITIONS,
                    "holds an unknown code: " + e.getMessage())));
        }
        if (reading.conditionsUnavailable()) {
            return new Cards(List.of(CardRenderer.cannotCheck(reading.notes(), snapshot.version())));
        }
        if (!reading.hasSciatica()) {
            return new Cards(List.of());
        }
        Map<PatientFacts, Assessment> answers = new LinkedHashMap<>();
        reading.candidates().forEach(facts -> answers.put(facts, rules.assess(snapshot, facts)));
        Map.Entry<PatientFacts, Assessment> chosen = answers.entrySet().stream()
                .max(Map.Entry.comparingByValue(MOST_CAUTIOUS)).orElseThrow();
        PatientFacts facts = chosen.getKey();
        Assessment answer = chosen.getValue();
        // The page's address is configured, never taken from the request's Host header.
        Card card = CardRenderer.render(answer, !facts.redFlagsScreened() && facts.redFlags().isEmpty(), reading.notes(),
                reading.notRead(),
                pageBase.map(base -> new Link("Open in the physiotherapist's page", PageLink.to(base, facts),
                        "absolute")).orElse(null));
        DecisionRecord.IssuedCard issued = new DecisionRecord.IssuedCard(card.uuid(), card.indicator().wire(),
                card.overrideReasons() == null ? List.of() : card.overrideReasons().stream().map(Coding::code).toList());
        recorder.keep(DecisionRecord.of(Channel.CDS_HOOKS, requester, facts, answer, requestDigest, Instant.now(clock),
                issued));
        return new Cards(List.of(card));
    }
}
