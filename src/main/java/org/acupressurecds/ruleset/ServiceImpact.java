package org.acupressurecds.ruleset;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Period;
import java.util.Map;
import org.acupressurecds.engine.RulesSnapshot;

/**
 * The impact of a rules folder asked of the running service ({@code check rules --impact P30D --service URL}): the
 * folder's files are sent as a draft to POST /api/v1/ruleset/validate?impact=…, and the service replays its own
 * record, which it holds open (the embedded store cannot be read by a second process while the service runs). A
 * rule author's token, if the service wants one, comes from the environment (CDS_TOKEN), never the command line.
 */
final class ServiceImpact {

    /** What the service said instead of an impact: why, in words. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private ServiceImpact() {
    }

    static ImpactAnalysis.Impact of(URI service, String token, RulesSnapshot rules, Period period) throws Refused {
        URI validate = service.resolve("/api/v1/ruleset/validate?impact=" + period);
        HttpRequest.Builder request = HttpRequest.newBuilder(validate).timeout(TIMEOUT)
                .header("Content-Type", "application/json").header("Accept", "application/json");
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token.strip());
        }
        HttpResponse<String> response;
        try {
            String body = JSON.writeValueAsString(Map.of("files", rules.sources()));
            response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                    .send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Refused("the service at " + service + " cannot be reached (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused("interrupted");
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new Refused("the service at " + service + " answered " + response.statusCode() + ": sign in as a "
                    + "rule author and put your access token in CDS_TOKEN");
        }
        try {
            JsonNode answer = JSON.readTree(response.body());
            if (response.statusCode() != 200) {
                throw new Refused("the service at " + service + " answered " + response.statusCode() + ": "
                        + answer.path("detail").asText(answer.path("title").asText(response.body())));
            }
            if (answer.path("impact").isNull() || answer.path("impact").isMissingNode()) {
                throw new Refused("the service did not replay the record: the draft did not compile or is too slow "
                        + "there (" + answer.path("problems").size() + " problem(s))");
            }
            return JSON.treeToValue(answer.get("impact"), ImpactAnalysis.Impact.class);
        } catch (IOException e) {
            throw new Refused("the service at " + service + " answered " + response.statusCode()
                    + " with something that is not its answer");
        }
    }
}
