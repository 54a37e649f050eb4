package org.acupressurecds.cdshooks;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.acupressurecds.decision.Indicator;
import org.acupressurecds.http.FieldError;

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

        static final String HOOK = "patient-view";
        private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

        /** What the JSON types cannot say: the hook this service answers, the ids and URLs in their forms. */
        List<FieldError> problems() {
            List<FieldError> errors = new ArrayList<>();
            if (!HOOK.equals(hook)) {
                errors.add(new FieldError("hook", "must be " + HOOK + ", the hook this service answers", List.of(HOOK)));
            }
            if (hookInstance == null || !isUuid(hookInstance)) {
                errors.add(new FieldError("hookInstance", "is required: a UUID"));
            }
            if (context == null) {
                errors.add(new FieldError("context", "is required: userId and patientId"));
            } else {
                if (context.userId() == null || context.userId().isBlank()) {
                    errors.add(new FieldError("context.userId", "is required"));
                }
                if (context.patientId() == null || !FHIR_ID.matcher(context.patientId()).matches()) {
                    errors.add(new FieldError("context.patientId",
                            "is required: a FHIR id (letters, digits, - and ., at most 64)"));
                }
            }
            if (fhirServer != null && !isHttpUrl(fhirServer)) {
                errors.add(new FieldError("fhirServer", "must be an absolute http or https URL"));
            }
            if (fhirAuthorization != null) {
                if (fhirAuthorization.accessToken() == null) {
                    errors.add(new FieldError("fhirAuthorization.access_token", "is required"));
                }
                if (!"Bearer".equalsIgnoreCase(fhirAuthorization.tokenType())) {
                    errors.add(new FieldError("fhirAuthorization.token_type", "must be Bearer", List.of("Bearer")));
                }
            }
            return errors;
        }

        private static boolean isUuid(String text) {
            try {
                return UUID.fromString(text).toString().equalsIgnoreCase(text);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }

        private static boolean isHttpUrl(String text) {
            try {
                URI uri = URI.create(text);
                return uri.isAbsolute() && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                        && uri.getHost() != null;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }

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

    /** selectionBehavior: "at-most-one" where there are suggestions (the spec requires it then), else absent. */
    public record Card(String uuid, String summary, String detail, Indicator indicator, Source source,
            List<Suggestion> suggestions, String selectionBehavior, List<Coding> overrideReasons, List<Link> links) {
    }

    /** What the EHR creates when the clinician accepts it: actions, each with a FHIR resource. */
    public record Suggestion(String label, String uuid, Boolean isRecommended, List<Action> actions) {
    }

    /** The resource as HAPI wrote it, put in the card as it is: HAPI's JSON is not read again to be written again. */
    public record Action(String type, String description, @JsonRawValue String resource) {
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
