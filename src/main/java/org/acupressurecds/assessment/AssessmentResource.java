package org.acupressurecds.assessment;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Context;
import java.time.Clock;
import java.time.Instant;
import org.acupressurecds.engine.RuleService;
import org.acupressurecds.knowledge.Assessment;
import org.acupressurecds.records.Channel;
import org.acupressurecds.records.DecisionRecord;
import org.acupressurecds.records.DecisionRecorder;
import org.acupressurecds.records.RequestDigest;
import org.acupressurecds.records.Requester;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** May this patient use an acupressure mat, and how? Blocking on purpose: rule evaluation is CPU work. */
@Path("/api/v1/assessments")
@Tag(name = "Assessments", description = "For clinicians and the physiotherapist's page")
public class AssessmentResource {

    /** The README's request: a piriformis patient, screened for red flags, pain 5. */
    static final String EXAMPLE = """
            {"sciaticaType":"PIRIFORMIS_SYNDROME","redFlags":[],"painScore":5,"laterality":"LEFT",\
            "assessmentDate":"2026-11-24"}""";

    private final RuleService rules;
    private final AssessmentReader reader;
    private final Clock clock;
    private final DecisionRecorder recorder;
    private final SecurityIdentity identity;

    static final String CLIENT_HEADER = "X-CDS-Client";

    AssessmentResource(RuleService rules, AssessmentReader reader, Clock clock, DecisionRecorder recorder,
            SecurityIdentity identity) {
        this.rules = rules;
        this.reader = reader;
        this.clock = clock;
        this.recorder = recorder;
        this.identity = identity;
    }

    /**
     * The answer leaves only once its decision record is kept, or, where it cannot be, only if it is urgent
     * ({@link DecisionRecorder#keep}). client: page, for the physiotherapist's page.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "May this patient use an acupressure mat, and if so how?", description = "Unknown fields "
            + "and values are refused with a 400 naming each; what is not given is listed in missingData. The answer "
            + "leaves only once its decision is recorded; an emergency or urgent referral goes out even when the record "
            + "cannot be kept.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AssessmentRequest.class),
            examples = @ExampleObject(name = "piriformis", summary = "Piriformis syndrome, screened, pain 5",
                    value = EXAMPLE)))
    public Assessment assess(@Context RoutingContext http, @HeaderParam(CLIENT_HEADER) String client)
            throws IOException {
        AssessmentReader.Read request = reader.read(http);
        Assessment answer = rules.assess(request.facts());
        recorder.keep(DecisionRecord.of("page".equals(client) ? Channel.PAGE : Channel.API, requester(identity),
                request.facts(), answer, RequestDigest.of(request.tree()), Instant.now(clock), null));
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
