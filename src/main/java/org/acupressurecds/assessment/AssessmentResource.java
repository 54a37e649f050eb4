package org.acupressurecds.assessment;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.LocalDate;
import org.acupressurecds.engine.RuleService;
import org.acupressurecds.http.StrictBinder;
import org.acupressurecds.knowledge.Assessment;

/** May this patient use an acupressure mat, and how? Blocking on purpose: rule evaluation is CPU work. */
@Path("/api/v1/assessments")
public class AssessmentResource {

    private final RuleService rules;
    private final StrictBinder binder;
    private final Clock clock;

    AssessmentResource(RuleService rules, StrictBinder binder, Clock clock) {
        this.rules = rules;
        this.binder = binder;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Assessment assess(JsonNode body) {
        LocalDate today = LocalDate.now(clock);
        AssessmentRequest request = binder.bind(body, AssessmentRequest.class, r -> r.problems(today));
        return rules.assess(request.toFacts(today));
    }
}
