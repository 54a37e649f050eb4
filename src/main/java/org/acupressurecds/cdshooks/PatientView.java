package org.acupressurecds.cdshooks;

import ca.uhn.fhir.context.FhirContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.acupressurecds.cdshooks.CdsJson.Action;
import org.acupressurecds.cdshooks.CdsJson.Card;
import org.acupressurecds.cdshooks.CdsJson.Cards;
import org.acupressurecds.cdshooks.CdsJson.Coding;
import org.acupressurecds.cdshooks.CdsJson.Link;
import org.acupressurecds.cdshooks.CdsJson.Suggestion;
import org.acupressurecds.config.CdsConfig;
import org.acupressurecds.engine.CodeTable;
import org.acupressurecds.engine.RuleService;
import org.acupressurecds.engine.RuleSet;
import org.acupressurecds.fhir.ActionableResources;
import org.acupressurecds.fhir.FhirPatientReader;
import org.acupressurecds.fhir.FhirReading;
import org.acupressurecds.fhir.Prefetched;
import org.acupressurecds.http.FieldError;
import org.acupressurecds.http.InvalidRequestException;
import org.acupressurecds.knowledge.PatientFacts;
import org.acupressurecds.decision.Channel;
import org.acupressurecds.decision.DecisionRecord;
import org.acupressurecds.decision.DecisionPipeline;
import org.acupressurecds.http.Requester;
import org.acupressurecds.request.PageLink;

/**
 * The patient-view hook, once its FHIR data is at hand: read the record, decide on every reading of it, show the most
 * cautious answer as one card, and remember the card for its feedback.
 */
@ApplicationScoped
public class PatientView {

    private final FhirContext fhir;
    private final RuleService rules;
    private final DecisionPipeline pipeline;
    private final Clock clock;
    private final Optional<URI> pageBase;

    PatientView(RuleService rules, DecisionPipeline pipeline, Clock clock, CdsConfig config, FhirContext fhir) {
        this.fhir = fhir;
        this.rules = rules;
        this.pipeline = pipeline;
        this.clock = clock;
        this.pageBase = config.publicUrl();
    }

    /**
     * What the answer proposes the EHR create, as one suggestion: its uuid is derived from the card's decision and the
     * kind of proposal, so it names the same suggestion whenever it is read back.
     */
    private List<Suggestion> suggestions(DecisionPipeline.Decided decided, String patientId, List<String> conditions) {
        return ActionableResources.patient(patientId)
                .flatMap(patient -> ActionableResources.of(decided.answer(), decided.facts(), patient,
                        decided.decisionId(), conditions))
                .map(p -> List.of(new Suggestion(p.label(), suggestionUuid(decided.decisionId(), p.kind()), true,
                        List.of(new Action("create", p.description(),
                                fhir.newJsonParser().encodeResourceToString(p.resource()))))))
                .orElse(List.of());
    }

    static String suggestionUuid(String decisionId, String kind) {
        return UUID.nameUUIDFromBytes((decisionId + "/" + kind).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * Decided by the one pipeline of every channel ({@link DecisionPipeline}): the card leaves only once its decision
     * record is kept, or, where it cannot be, only if it is urgent.
     */
    CompletableFuture<Cards> decide(Map<String, Prefetched> data, String patientId, Requester requester,
            String requestDigest) {
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
            return CompletableFuture.completedFuture(
                    new Cards(List.of(CardRenderer.cannotCheck(reading.notes(), snapshot.version()))));
        }
        if (!reading.hasSciatica()) {
            return CompletableFuture.completedFuture(new Cards(List.of()));
        }
        return pipeline.decideLater(new DecisionPipeline.Question(Channel.CDS_HOOKS, requester, snapshot,
                reading.candidates(), requestDigest), decided -> {
                    PatientFacts facts = decided.facts();
                    // The page's address is configured, never taken from the request's Host header.
                    Card shown = CardRenderer.render(decided.answer(),
                            !facts.redFlagsScreened() && facts.redFlags().isEmpty(), reading.notes(), reading.notRead(),
                            pageBase.map(base -> new Link("Open in the physiotherapist's page", PageLink.to(base, facts),
                                    "absolute")).orElse(null), suggestions(decided, patientId,
                            reading.sciaticaConditionIds()));
                    return new DecisionPipeline.Shown<>(shown, issued(shown));
                }).thenApply(card -> new Cards(List.of(card)));
    }

    /** What the record keeps of a card: its uuid, indicator, override reasons and suggestions. */
    static DecisionRecord.IssuedCard issued(Card shown) {
        return new DecisionRecord.IssuedCard(shown.uuid(), shown.indicator(), shown.overrideReasons() == null
                ? List.of() : shown.overrideReasons().stream().map(Coding::code).toList(),
                shown.suggestions() == null ? List.of() : shown.suggestions().stream()
                        .map(g -> new DecisionRecord.OfferedSuggestion(g.uuid(), g.label())).toList());
    }
}
