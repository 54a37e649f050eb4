package org.acupressurecds.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.JsonParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import ca.uhn.fhir.parser.json.jackson.JacksonStructure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.acupressurecds.http.FieldError;
import org.acupressurecds.http.InvalidRequestException;
import org.hl7.fhir.r4.model.Bundle;

/**
 * What a call of the published PlanDefinition's $apply asks, read from its FHIR Parameters: the subject, one Patient
 * named by its FHIR id, and the patient's record as a data Bundle, split into the lists a CDS Hooks prefetch carries so
 * that one reader reads both. A type of resource absent from data is none on record (the reader then says what is not
 * known), never a reason to refuse. Resources of types no list holds, and entries with none, are counted, for the
 * answer to say; the operation's other parameters are accepted and named in the answer as not used; a name $apply does
 * not define, a second subject, or a Patient other than the subject in data is a 400 naming the parameter.
 */
public record ApplyParameters(String patientId, Map<String, Prefetched> data, Map<String, Integer> kindsNotRead,
        List<String> notUsed) {

    /** The parameters of $apply in FHIR R4, CPG-on-FHIR and R5: the ones this service reads, and the others. */
    public static final String SUBJECT = "subject";
    public static final String DATA = "data";
    static final Set<String> DEFINED = new LinkedHashSet<>(List.of(SUBJECT, DATA, "planDefinition", "canonical", "url",
            "version", "encounter", "practitioner", "organization", "userType", "userLanguage", "userTaskContext",
            "setting", "settingContext", "parameters", "useServerData", "prefetchData", "dataEndpoint",
            "contentEndpoint", "terminologyEndpoint"));

    /** The record's resources of the types the reader reads, by the list they belong in. */
    private static final Map<String, PrefetchKey> LIST_OF = Map.of("Patient", PrefetchKey.PATIENT, "Condition",
            PrefetchKey.CONDITIONS, "Observation", PrefetchKey.PAIN_SCORES, "Procedure", PrefetchKey.PROCEDURES);

    public static ApplyParameters read(JsonNode body, FhirContext fhir) {
        if (!(body instanceof ObjectNode parameters) || !"Parameters".equals(body.path("resourceType").asText())) {
            throw invalid(new FieldError("resourceType", "$apply takes a FHIR Parameters resource", List.of(
                    "Parameters")));
        }
        JsonNode list = parameters.path("parameter");
        if (!list.isMissingNode() && !list.isArray()) {
            throw invalid(new FieldError("parameter", "must be a list of parameters"));
        }
        List<FieldError> errors = new ArrayList<>();
        List<Integer> subjects = new ArrayList<>();
        List<Integer> datas = new ArrayList<>();
        Set<String> notUsed = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String name = list.get(i).path("name").isTextual() ? list.get(i).path("name").asText() : null;
            if (name == null) {
                errors.add(new FieldError("parameter[" + i + "].name", "is required: every parameter has a name"));
            } else if (!DEFINED.contains(name)) {
                errors.add(new FieldError("parameter[" + i + "].name", "is not a parameter of $apply",
                        List.copyOf(DEFINED)));
            } else if (name.equals(SUBJECT)) {
                subjects.add(i);
            } else if (name.equals(DATA)) {
                datas.add(i);
            } else {
                notUsed.add(name);
            }
        }
        String patientId = subjects.size() == 1 ? subject(list.get(subjects.get(0)), subjects.get(0), errors) : null;
        if (subjects.isEmpty()) {
            errors.add(new FieldError("parameter", "needs a subject: the patient, as Patient/<id>"));
        } else if (subjects.size() > 1) {
            errors.add(new FieldError("parameter[" + subjects.get(1) + "]", "is a second subject: this service "
                    + "decides for one patient at a time"));
        }
        if (datas.size() > 1) {
            errors.add(new FieldError("parameter[" + datas.get(1) + "]", "is a second data Bundle: send the patient's "
                    + "record as one"));
        }
        if (!errors.isEmpty()) {
            throw invalid(errors.toArray(FieldError[]::new));
        }
        Split split = new Split(fhir, patientId);
        if (!datas.isEmpty()) {
            split.record(list.get(datas.get(0)).path("resource"), "parameter[" + datas.get(0) + "].resource");
        }
        return new ApplyParameters(patientId, split.lists(), Map.copyOf(split.kindsNotRead), List.copyOf(notUsed));
    }

    /** The subject as a string (R4) or, tolerated, a Reference: a Patient by its FHIR id. */
    private static String subject(JsonNode parameter, int i, List<FieldError> errors) {
        String value = parameter.path("valueString").isTextual() ? parameter.path("valueString").asText()
                : parameter.path("valueReference").path("reference").isTextual()
                        ? parameter.path("valueReference").path("reference").asText() : null;
        String id = value == null || value.startsWith("urn:") ? null : RecordAccount.patientIdIn(value);
        if (!ActionableResources.isFhirId(id)) {
            errors.add(new FieldError("parameter[" + i + "].valueString", "must name the patient by its FHIR id, as "
                    + "Patient/<id>"));
            return null;
        }
        return id;
    }

    /** The data Bundle's resources, each put in the list of its type, cut to what the reader reads. */
    private static final class Split {
        private final FhirContext fhir;
        private final String patientId;
        private final Map<PrefetchKey, ArrayNode> entries = new EnumMap<>(PrefetchKey.class);
        private final List<JsonNode> outcomes = new ArrayList<>();
        private final Map<String, Integer> kindsNotRead = new LinkedHashMap<>();
        private JsonNode links;
        private String at;

        Split(FhirContext fhir, String patientId) {
            this.fhir = fhir;
            this.patientId = patientId;
        }

        void record(JsonNode bundle, String at) {
            this.at = at;
            if (!"Bundle".equals(bundle.path("resourceType").asText())) {
                throw invalid(new FieldError(at, "must be a Bundle holding the patient's record", List.of("Bundle")));
            }
            links = bundle.get("link");
            JsonNode list = bundle.path("entry");
            if (!list.isMissingNode() && !list.isArray()) {
                throw invalid(new FieldError(at + ".entry", "must be a list of entries"));
            }
            for (int j = 0; j < list.size(); j++) {
                JsonNode resource = list.get(j).path("resource");
                String type = resource.path("resourceType").asText();
                if (resource.isMissingNode() && list.get(j).isObject()) {
                    kindsNotRead.merge("entry with no resource", 1, Integer::sum); // a transaction's delete, say
                    continue;
                }
                if (!(resource instanceof ObjectNode object) || type.isEmpty()) {
                    throw invalid(new FieldError(at + ".entry[" + j + "].resource", "is not a FHIR resource"));
                }
                PrefetchKey key = LIST_OF.get(type);
                if (type.equals("OperationOutcome")) {
                    outcomes.add(object); // it may say any list is incomplete: each list reads it
                } else if (key == null) {
                    kindsNotRead.merge(type, 1, Integer::sum);
                } else if (key == PrefetchKey.PATIENT && object.path("id").isTextual()
                        && !object.path("id").asText().equals(patientId)) {
                    // Neither id is echoed: both are the caller's patients.
                    throw invalid(new FieldError(at + ".entry[" + j + "].resource", "is another Patient than the "
                            + "subject: send the subject's record"));
                } else {
                    entries.computeIfAbsent(key, k -> JsonNodeFactory.instance.arrayNode()).addObject()
                            .set("resource", FhirPatientReader.onlyWhatIsRead(object));
                }
            }
        }

        /** Every list: the resources of its type (and the record's OperationOutcomes), or none on record. */
        Map<String, Prefetched> lists() {
            Map<String, Prefetched> lists = new LinkedHashMap<>();
            for (PrefetchKey key : PrefetchKey.values()) {
                ArrayNode found = entries.get(key);
                if (found == null && outcomes.isEmpty()) {
                    lists.put(key.key(), new Prefetched.NoData());
                    continue;
                }
                ObjectNode bundle = JsonNodeFactory.instance.objectNode().put("resourceType", "Bundle")
                        .put("type", "collection");
                if (links != null) {
                    bundle.set("link", links); // a next page of the record not sent leaves its lists incomplete
                }
                ArrayNode all = bundle.putArray("entry");
                if (found != null) {
                    all.addAll(found);
                }
                outcomes.forEach(outcome -> all.addObject().set("resource", outcome));
                lists.put(key.key(), Prefetched.of(parse(bundle), key.needsWholeList()));
            }
            return lists;
        }

        private Bundle parse(ObjectNode bundle) {
            try {
                JacksonStructure json = new JacksonStructure();
                json.setNativeObject(bundle);
                Bundle parsed = (Bundle) ((JsonParser) fhir.newJsonParser()
                        .setParserErrorHandler(new LenientErrorHandler(false))).parseResource(json);
                parsed.getEntry().forEach(e -> Optional.ofNullable(e.getResource()).ifPresent(r -> r.setId(
                        r.getIdElement().getIdPart())));
                return parsed;
            } catch (RuntimeException e) { // HAPI throws more than DataFormatException on odd JSON; its message may quote
                throw invalid(new FieldError(at, "is not a FHIR R4 Bundle the service can read"));
            }
        }
    }

    private static InvalidRequestException invalid(FieldError... errors) {
        return new InvalidRequestException(List.of(errors));
    }
}
