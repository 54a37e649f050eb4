package org.acupressurecds.assessment;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import org.acupressurecds.engine.RuleService;
import org.acupressurecds.http.JsonBody;
import org.acupressurecds.http.StrictBinder;
import org.acupressurecds.knowledge.Assessment;
import org.acupressurecds.knowledge.PatientFacts;
import org.acupressurecds.records.Channel;
import org.acupressurecds.records.DecisionRecord;
import org.acupressurecds.records.DecisionRecorder;
import org.acupressurecds.records.RequestDigest;
import org.acupressurecds.records.Requester;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** May this patient use an acupressure mat, and how? Blocking on purpose: rule evaluation is CPU work. */
@Path("/api/v1/assessments")
public class AssessmentResource {

    private final RuleService rules;
    private final StrictBinder binder;
    private final Clock clock;
    private final JsonBody json;
    private final DecisionRecorder recorder;
    private final SecurityIdentity identity;

    static final String CLIENT_HEADER = "X-CDS-Client";

    AssessmentResource(RuleService rules, StrictBinder binder, Clock clock, JsonBody json, DecisionRecorder recorder,
            SecurityIdentity identity) {
        this.recorder = recorder;
        this.identity = identity;
        this.rules = rules;
        this.binder = binder;
        this.clock = clock;
        this.json = json;
    }

    /** The answer leaves only once its decision record is committed. client: page, for the physiotherapist's page. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Assessment assess(InputStream body, @HeaderParam(CLIENT_HEADER) String client) throws IOException {
        LocalDate today = LocalDate.now(clock);
        JsonNode tree = json.read(body);
        PatientFacts facts = binder.bind(tree, AssessmentRequest.class, r -> r.problems(today)).toFacts(today);
        Assessment answer = rules.assess(facts);
        recorder.record(DecisionRecord.of("page".equals(client) ? Channel.PAGE : Channel.API, requester(identity),
                facts, answer, RequestDigest.of(tree), Instant.now(clock), null));
        return answer;
    }

    /** A person: the signed-in user and the client they signed in through; anonymous in open mode. */
    static Requester requester(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return Requester.ANONYMOUS;
        }
        String client = identity.getPrincipal() instanceof JsonWebToken jwt ? jwt.getClaim("azp") : null;
        return new Requester(client, identity.getPrincipal().getName());
    }
}
