package org.acupressurecds.ruleset;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Context;
import java.time.Instant;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.acupressurecds.engine.LocalPolicy;
import org.acupressurecds.engine.RuleProblem;
import org.acupressurecds.engine.RuleService;
import org.acupressurecds.engine.RuleSet;
import org.acupressurecds.engine.RulesSnapshot;
import org.acupressurecds.engine.SafetyNet;
import org.acupressurecds.http.FieldError;
import org.acupressurecds.knowledge.Guide;
import org.acupressurecds.http.InvalidRequestException;
import org.acupressurecds.http.JsonBody;
import org.acupressurecds.http.StrictBinder;
import org.acupressurecds.http.Requester;
import io.quarkus.security.identity.SecurityIdentity;
import org.jboss.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/** What rule authors need from the running service: the serving rule set, reload, and validation without serving. */
@Path("/api/v1/ruleset")
@Tag(name = "Rule set", description = "For rule authors: the rules serving, reload, and a draft checked off to the side")
@Produces(MediaType.APPLICATION_JSON)
public class RuleSetResource {

    private static final Logger LOG = Logger.getLogger(RuleSetResource.class);

    private final RuleService rules;
    private final RuleReloader reloader;
    private final StrictBinder binder;
    private final SecurityIdentity identity;
    private final JsonBody json;

    RuleSetResource(RuleService rules, RuleReloader reloader, StrictBinder binder, SecurityIdentity identity,
            JsonBody json) {
        this.rules = rules;
        this.reloader = reloader;
        this.binder = binder;
        this.identity = identity;
        this.json = json;
    }

    /**
     * What serves (version, since, files, rules), and apart from it what the last reload attempt did; faulty, where
     * the safety net had to withhold a plan these rules gave (null otherwise).
     */
    public record Catalogue(String version, Instant loadedAt, String folder, List<String> files,
            List<CitedRule> rules, List<LocalPolicy> policies, GuideCitation.Coverage guideCoverage,
            ReloadOutcome lastReload, SafetyNet.Fault faulty) {
    }

    /** A rule beside what it cites: the guide's item (or section) in the guide's words, or the local policy's change. */
    public record CitedRule(@JsonUnwrapped RuleSet.RuleInfo rule, String cites) {

        static CitedRule of(RuleSet.RuleInfo rule, List<LocalPolicy> policies) {
            return new CitedRule(rule, GuideCitation.cites(rule.source(), policies, Guide.shipped()));
        }
    }

    public record ValidateRequest(Map<String, String> files) {
    }

    /**
     * diff: the draft's answers beside the serving rules', when it compiled and answered in time; impact: when asked
     * for (?impact=P30D), on the same condition.
     */
    public record Validation(boolean valid, String version, List<RuleProblem> problems, DecisionDiff diff,
            ImpactAnalysis.Impact impact) {
    }

    @GET
    @Operation(summary = "The rules serving: version, files, every rule beside the guide text it cites, the guide "
            + "sections no rule cites, the last reload with its problems")
    public Catalogue catalogue() {
        RuleSet current = rules.current();
        return new Catalogue(current.version(), current.loadedAt(), reloader.folder().toString(), current.files(),
                current.rules().stream().map(r -> CitedRule.of(r, current.policies())).toList(), current.policies(),
                GuideCitation.coverage(current, Guide.shipped()), reloader.lastReload(),
                rules.faultOf(current.version()).orElse(null));
    }

    /** 200 when the folder is serving (newly or unchanged), 422 when it was rejected and the previous rules serve on. */
    @POST
    @Path("/reload")
    @Consumes(MediaType.APPLICATION_JSON) // no form can send it cross-site
    @Operation(summary = "Reload the rules folder now (the service also watches it); force re-checks it unchanged")
    public Response reload(@QueryParam("force") boolean force) {
        LOG.infof("Rule reload%s requested by %s", force ? " (force)" : "", Requester.of(identity).inLog());
        ReloadOutcome outcome = reloader.reload(force, Requester.of(identity).inLog());
        return Response.status(outcome.status() == ReloadOutcome.Status.REJECTED ? 422 : 200).entity(outcome).build();
    }

    /**
     * Compiles, lints and runs the scenarios on the serving folder with the given files (rules, scenarios, code tables,
     * policies, by their path in the folder) in place of (or beside) its own, and says what is wrong. Nothing is
     * served.
     */
    @POST
    @Path("/validate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Check a draft: compile, lint, scenarios, safety invariants; its answers beside the "
            + "serving rules' on every scenario and a grid of patients; with impact=P30D, replay the decisions on "
            + "record against it. Nothing is served.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ValidateRequest.class), examples = @ExampleObject(name = "a new file",
                    summary = "Files by their path in the rules folder (rules, scenarios/, codes/, policies.yaml), "
                            + "replacing or joining the folder's own",
                    value = "{\"files\":{\"local-policy.drl\":\"package rules;\\n\",\"scenarios/local-policy.yaml\":\"[]\\n\"}}")))
    public Validation validate(@Context RoutingContext http, @QueryParam("impact") String impact) throws IOException {
        Period period = impactPeriod(impact);
        ValidateRequest request = binder.bind(json.read(http), ValidateRequest.class, RuleSetResource::problems);
        CheckProcess.Answer answer = reloader.validate(request.files(), Requester.of(identity).inLog(), period);
        return new Validation(answer.version() != null && answer.problems().isEmpty(), answer.version(),
                answer.problems(), answer.diff(), answer.impact());
    }

    /** The impact period, an ISO 8601 period such as P30D; null when none is asked for. */
    private static Period impactPeriod(String text) {
        if (text == null) {
            return null;
        }
        try {
            Period period = Period.parse(text);
            if (period.isNegative() || period.isZero()) {
                throw new DateTimeParseException("not positive", text, 0);
            }
            return period;
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(List.of(new FieldError("impact",
                    "must be a positive ISO 8601 period of days, months or years, e.g. P30D")));
        }
    }

    private static List<FieldError> problems(ValidateRequest r) {
        List<FieldError> errors = new ArrayList<>();
        if (r.files() == null || r.files().isEmpty()) {
            errors.add(new FieldError("files", "is required: an object of file path in the rules folder (positions.drl, "
                    + "scenarios/positions.yaml, codes/sciatica-codes.csv, policies.yaml) to file content"));
            return errors;
        }
        r.files().forEach((name, content) -> {
            if (!RulesSnapshot.isPart(name)) {
                errors.add(new FieldError("files." + name, "must be a file of the rules folder by its path there: "
                        + RulesSnapshot.PART_NAMES));
            } else if (content == null) {
                errors.add(new FieldError("files." + name, "must be the file's content as a string"));
            }
        });
        return errors;
    }
}
