package org.acupressurecds.assessment;

import io.quarkus.arc.profile.IfBuildProfile;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Context;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.acupressurecds.decision.Channel;
import org.acupressurecds.decision.DecisionRecord;
import org.acupressurecds.decision.DecisionRecorder;
import org.acupressurecds.decision.RequestDigest;
import org.acupressurecds.engine.RuleService;
import org.acupressurecds.http.Requester;
import org.acupressurecds.knowledge.Assessment;
import org.acupressurecds.knowledge.PatientFacts;

/**
 * The HTTP benchmark's baseline, in a build for benchmarks only (built with the profile "bench"; never in the
 * product): POST /api/v1/assessments without deciding. It reads and checks the request as the real one does and
 * answers the same JSON, decided once for each patient and then taken from memory, with no decision record; and, at
 * {@code /decided}, decided by the rules at every request, still with no record: what the rules cost, apart from
 * what the record costs; and, at {@code /recorded}, taken from memory but with its whole decision record kept as the
 * API keeps it (the request's digest, the record, the answer once it is committed): what the record costs without the
 * rules, the most the API can make of the baseline with its record whatever the rules cost.
 */
@IfBuildProfile("bench")
@Path("/bench/assessments")
public class BaselineResource {

    private final RuleService rules;
    private final AssessmentReader reader;
    private final DecisionRecorder recorder;
    private final SecurityIdentity identity;
    private final Clock clock;
    private final Map<PatientFacts, Assessment> answers = new ConcurrentHashMap<>();

    BaselineResource(RuleService rules, AssessmentReader reader, DecisionRecorder recorder, SecurityIdentity identity,
            Clock clock) {
        this.rules = rules;
        this.reader = reader;
        this.recorder = recorder;
        this.identity = identity;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Assessment assess(@Context RoutingContext http) throws IOException {
        return answers.computeIfAbsent(reader.read(http).facts(), rules::assess);
    }

    @POST
    @Path("/decided")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Assessment decide(@Context RoutingContext http) throws IOException {
        return rules.assess(reader.read(http).facts());
    }

    @POST
    @Path("/recorded")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking // read on a worker, as the API's request is
    public CompletionStage<Assessment> record(@Context RoutingContext http) throws IOException {
        AssessmentReader.Read request = reader.read(http);
        Assessment answer = answers.computeIfAbsent(request.facts(), rules::assess);
        return recorder.keepLater(DecisionRecord.of(Channel.API, Requester.of(identity), request.facts(), answer,
                RequestDigest.of(request.tree()), Instant.now(clock), null)).thenApply(kept -> answer);
    }
}
