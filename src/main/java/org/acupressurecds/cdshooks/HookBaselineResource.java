package org.acupressurecds.cdshooks;

import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.common.annotation.Blocking;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.acupressurecds.cdshooks.CdsJson.Cards;
import org.acupressurecds.decision.Channel;
import org.acupressurecds.decision.DecisionPipeline;
import org.acupressurecds.decision.DecisionRecord;
import org.acupressurecds.decision.DecisionRecorder;
import org.acupressurecds.decision.RequestDigest;
import org.acupressurecds.engine.RuleService;
import org.acupressurecds.engine.RuleSet;
import org.acupressurecds.fhir.FhirPatientReader;
import org.acupressurecds.http.Requester;
import org.acupressurecds.knowledge.PatientFacts;
import org.acupressurecds.security.CdsHooksAuth;
import org.acupressurecds.store.TimeOrderedUuid;

/**
 * The HTTP benchmark's baseline for CDS Hooks, in a build for benchmarks only (built with the profile "bench"; never
 * in the product): the patient-view hook without deciding. It reads and checks the call as the real one does and
 * answers the same cards, decided once for each patient (its prefetch parsed, read, decided, recorded) and then taken
 * from memory. At {@code /recorded}, the same from memory with the call's whole decision record kept as the real hook
 * keeps it (the request's digest, the record with its card, the answer once it is committed): what the record costs
 * a hook call without the rules. Its card in the record has uuids of its own, made as the real card's are (the card's
 * time-ordered: the table's key), not the answer's.
 */
@IfBuildProfile("bench")
@Path("/bench/cds-services")
public class HookBaselineResource {

    /** A patient's cards, and the decision its record holds (null where there is none), decided once. */
    private record Remembered(Cards cards, DecisionPipeline.Decided decided) {
    }

    private final HookReader reader;
    private final PrefetchResolver prefetch;
    private final PatientView patientView;
    private final RuleService rules;
    private final DecisionPipeline pipeline;
    private final DecisionRecorder recorder;
    private final Clock clock;
    private final Map<String, Cards> answers = new ConcurrentHashMap<>();
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    HookBaselineResource(HookReader reader, PrefetchResolver prefetch, PatientView patientView, RuleService rules,
            DecisionPipeline pipeline, DecisionRecorder recorder, Clock clock) {
        this.reader = reader;
        this.prefetch = prefetch;
        this.patientView = patientView;
        this.rules = rules;
        this.pipeline = pipeline;
        this.recorder = recorder;
        this.clock = clock;
    }

    @POST
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    public Cards call(@PathParam("id") String id, @Context RoutingContext http) throws IOException {
        HookReader.Call call = reader.read(id, http);
        return answers.computeIfAbsent(call.request().context().patientId(), patient -> decide(call));
    }

    @POST
    @Path("/{id}/recorded")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    public CompletionStage<Cards> record(@PathParam("id") String id, @Context RoutingContext http) throws IOException {
        HookReader.Call call = reader.read(id, http);
        String digest = RequestDigest.of(call.tree(), "fhirAuthorization");
        Remembered known = remembered.computeIfAbsent(call.request().context().patientId(), patient -> {
            RuleSet snapshot = rules.current();
            List<PatientFacts> candidates = new FhirPatientReader(snapshot.codes(), clock.getZone()).read(
                    prefetch.resolve(call.request(), List.of()).join(), patient, LocalDate.now(clock)).candidates();
            return new Remembered(answers.computeIfAbsent(patient, p -> decide(call)), candidates.isEmpty() ? null
                    : pipeline.mostCautious(snapshot, candidates, TimeOrderedUuid.next().toString()));
        });
        if (known.decided() == null || known.cards().cards().isEmpty()) {
            return CompletableFuture.completedFuture(known.cards()); // no sciatica: no decision, as in the real hook
        }
        DecisionRecord.IssuedCard card = PatientView.issued(known.cards().cards().get(0));
        DecisionRecord.IssuedCard ownCard = new DecisionRecord.IssuedCard(TimeOrderedUuid.next().toString(),
                card.indicator(), card.overrideReasons(), card.suggestions().stream()
                .map(s -> new DecisionRecord.OfferedSuggestion(UUID.randomUUID().toString(), s.label())).toList());
        return recorder.keepLater(DecisionRecord.of(Channel.CDS_HOOKS, CdsHooksAuth.requester(http),
                known.decided().facts(), known.decided().answer(), digest, Instant.now(clock), ownCard))
                .thenApply(kept -> known.cards());
    }

    private Cards decide(HookReader.Call call) {
        return patientView.decide(prefetch.resolve(call.request(), List.of()).join(),
                call.request().context().patientId(), Requester.ANONYMOUS,
                RequestDigest.of(call.tree(), "fhirAuthorization")).join();
    }
}
