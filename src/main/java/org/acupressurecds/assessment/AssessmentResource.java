package org.acupressurecds.assessment;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.LocalDate;
import org.acupressurecds.engine.RuleService;
import org.acupressurecds.http.JsonBody;
import org.acupressurecds.http.StrictBinder;
import org.acupressurecds.knowledge.Assessment;

/** May this patient use an acupressure mat, and how? Blocking on purpose: rule evaluation is CPU work. */
@Path("/api/v1/assessments")
public class AssessmentResource {

    private final RuleService rules;
    private final StrictBinder binder;
    private final Clock clock;
    private final JsonBody json;

    AssessmentResource(RuleService rules, StrictBinder binder, Clock clock, JsonBody json) {
        this.rules = rules;
        this.binder = binder;
        this.clock = clock;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Assessment assess(InputStream body) throws IOException {
        LocalDate today = LocalDate.now(clock);
        AssessmentRequest request = binder.bind(json.read(body), AssessmentRequest.class, r -> r.problems(today));
        return rules.assess(request.toFacts(today));
    }
}
