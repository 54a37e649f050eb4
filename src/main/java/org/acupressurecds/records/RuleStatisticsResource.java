package org.acupressurecds.records;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.acupressurecds.http.FieldError;
import org.acupressurecds.http.InvalidRequestException;

/**
 * For rule authors (the rule-set paths' role): how each rule has fared in real decisions between from and to (ISO
 * 8601 instants; default the last 30 days).
 */
@Path("/api/v1/ruleset/statistics")
@Produces(MediaType.APPLICATION_JSON)
public class RuleStatisticsResource {

    private static final List<String> PARAMETERS = List.of("from", "to");

    private final RuleStatistics statistics;
    private final Clock clock;

    RuleStatisticsResource(RuleStatistics statistics, Clock clock) {
        this.statistics = statistics;
        this.clock = clock;
    }

    @GET
    public RuleStatistics.Report report(@Context UriInfo uri) {
        Map<String, List<String>> parameters = uri.getQueryParameters();
        List<FieldError> errors = new ArrayList<>();
        parameters.keySet().stream().filter(p -> !PARAMETERS.contains(p)).sorted()
                .forEach(p -> errors.add(new FieldError(p, "is not a parameter of the statistics", PARAMETERS)));
        Instant to = instant(parameters, "to", Instant.now(clock), errors);
        Instant from = instant(parameters, "from", to.minus(Duration.ofDays(30)), errors);
        if (errors.isEmpty() && !from.isBefore(to)) {
            errors.add(new FieldError("from", "must be before to"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return statistics.report(from, to, clock.getZone());
    }

    private static Instant instant(Map<String, List<String>> parameters, String name, Instant otherwise,
            List<FieldError> errors) {
        List<String> values = parameters.get(name);
        if (values == null || values.isEmpty()) {
            return otherwise;
        }
        try {
            return Instant.parse(values.get(0));
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "must be an ISO 8601 instant, e.g. 2026-11-24T00:00:00Z"));
            return otherwise;
        }
    }
}
