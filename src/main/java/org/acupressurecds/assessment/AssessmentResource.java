package org.acupressurecds.assessment;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.acupressurecds.engine.RuleService;
import org.acupressurecds.http.FieldError;
import org.acupressurecds.http.InvalidRequestException;
import org.acupressurecds.knowledge.Assessment;

/** May this patient use an acupressure mat, and how? Blocking on purpose: rule evaluation is CPU work. */
@Path("/api/v1/assessments")
public class AssessmentResource {

    private final RuleService rules;
    private final Clock clock;

    AssessmentResource(RuleService rules, Clock clock) {
        this.rules = rules;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Assessment assess(AssessmentRequest request) {
        if (request == null) {
            throw new InvalidRequestException(List.of(new FieldError("body",
                    "is required: a JSON object with the patient's facts")));
        }
        return rules.assess(request.toFacts(LocalDate.now(clock)));
    }
}
