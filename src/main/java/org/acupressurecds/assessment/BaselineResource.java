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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.acupressurecds.engine.RuleService;
import org.acupressurecds.knowledge.Assessment;
import org.acupressurecds.knowledge.PatientFacts;

/**
 * The HTTP benchmark's baseline, in a build for benchmarks only (built with the profile "bench"; never in the
 * product): POST /api/v1/assessments without deciding. It reads and checks the request as the real one does and
 * answers the same JSON, decided once for each patient and then taken from memory, with no decision record; and, at
 * {@code /decided}, decided by the rules at every request, still with no record: what the rules cost, apart from
 * what the record costs.
 */
@IfBuildProfile("bench")
@Path("/bench/assessments")
public class BaselineResource {

    private final RuleService rules;
    private final AssessmentReader reader;
    private final Map<PatientFacts, Assessment> answers = new ConcurrentHashMap<>();

    BaselineResource(RuleService rules, AssessmentReader reader) {
        this.rules = rules;
        this.reader = reader;
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
}
