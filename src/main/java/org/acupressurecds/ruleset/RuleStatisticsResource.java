package org.acupressurecds.ruleset;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.acupressurecds.engine.RuleService;
import org.acupressurecds.http.FieldError;
import org.acupressurecds.http.InvalidRequestException;
import org.acupressurecds.store.QueryParameters;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * For rule authors (the rule-set paths' role): how each rule has fared in real decisions between from and to (ISO
 * 8601 instants; default the last 30 days).
 */
@Path("/api/v1/ruleset/statistics")
@Tag(name = "Rule set")
@Produces(MediaType.APPLICATION_JSON)
public class RuleStatisticsResource {

    private static final List<String> PARAMETERS = List.of("from", "to");

    private final RuleStatistics statistics;
    private final RuleService rules;
    private final Clock clock;

    RuleStatisticsResource(RuleStatistics statistics, RuleService rules, Clock clock) {
        this.statistics = statistics;
        this.rules = rules;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "Per rule of the serving set (0 where it never fired): times fired, times it decided the "
            + "verdict, and of the cards of the decisions it decided: accepted, overridden, override reasons in words, "
            + "the search listing them and a few examples' pseudonymised facts; verdicts per day and version")
    public RuleStatistics.Report report(@Context UriInfo uri) {
        List<FieldError> errors = new ArrayList<>();
        QueryParameters q = new QueryParameters(uri.getQueryParameters(), PARAMETERS, errors);
        Instant to = q.instant("to", Instant.now(clock));
        Instant from = q.instant("from", to.minus(Duration.ofDays(30)));
        if (errors.isEmpty() && !from.isBefore(to)) {
            errors.add(new FieldError("from", "must be before to"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        Map<String, String> serving = new LinkedHashMap<>();
        rules.current().rules().forEach(r -> serving.put(r.name(), r.source()));
        return statistics.report(from, to, clock.getZone(), serving);
    }
}
