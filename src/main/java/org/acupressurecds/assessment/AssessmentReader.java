package org.acupressurecds.assessment;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import org.acupressurecds.http.JsonBody;
import org.acupressurecds.http.StrictBinder;
import org.acupressurecds.knowledge.PatientFacts;
import org.acupressurecds.request.AssessmentRequest;

/** Reads the body of an assessment request and checks it: a 400 naming every problem, or the patient's facts. */
@ApplicationScoped
public class AssessmentReader {

    /** tree: the body as sent, for its digest in the decision record. */
    public record Read(JsonNode tree, PatientFacts facts) {
    }

    private final StrictBinder binder;
    private final Clock clock;
    private final JsonBody json;

    AssessmentReader(StrictBinder binder, Clock clock, JsonBody json) {
        this.binder = binder;
        this.clock = clock;
        this.json = json;
    }

    public Read read(RoutingContext http) throws IOException {
        JsonNode tree = json.read(http);
        return new Read(tree, AssessmentRequest.factsOf(binder, tree, LocalDate.now(clock)));
    }
}
