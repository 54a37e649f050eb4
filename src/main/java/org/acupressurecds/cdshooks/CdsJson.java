package org.acupressurecds.cdshooks;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** The CDS Hooks 2.0 JSON this service reads and writes, as small records. Null fields are left out when written. */
public final class CdsJson {

    private CdsJson() {
    }

    public record Discovery(List<ServiceDescription> services) {
    }

    public record ServiceDescription(String hook, String title, String description, String id,
            Map<String, String> prefetch, String usageRequirements) {
    }

    /** A hook call; top-level names are the JSON names, as the binder reads them field by field. */
    public record HookRequest(String hook, String hookInstance, String fhirServer, FhirAuthorization fhirAuthorization,
            HookContext context, Map<String, JsonNode> prefetch, JsonNode extension) {

        @Override
        public String toString() {
            return "HookRequest[redacted]";
        }
    }

    public record HookContext(String userId, String patientId, String encounterId) {
    }

    public record FhirAuthorization(
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("token_type") String tokenType,
            @JsonProperty("expires_in") Integer expiresIn,
            String scope,
            String subject,
            String patient) {

        @Override
        public String toString() {
            return "FhirAuthorization[redacted]";
        }
    }

    public record Cards(List<Card> cards) {
    }

    public record Card(String uuid, String summary, String detail, String indicator, Source source,
            List<Coding> overrideReasons, List<Link> links) {
    }

    public record Source(String label, String url, Coding topic) {
    }

    public record Coding(String system, String code, String display) {
    }

    public record Link(String label, String url, String type) {
    }

    public record FeedbackRequest(List<Feedback> feedback) {
    }

    public record Feedback(String card, String outcome, List<JsonNode> acceptedSuggestions,
            OverrideReason overrideReason, String outcomeTimestamp) {
    }

    public record OverrideReason(Coding reason, String userComment) {
    }
}
