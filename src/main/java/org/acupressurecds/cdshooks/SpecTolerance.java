package org.acupressurecds.cdshooks;

import org.acupressurecds.fhir.PrefetchKey;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.acupressurecds.http.Excerpt;
import org.jboss.logging.Logger;

/**
 * CDS Hooks expects a service to ignore what it does not use: context fields of other hooks or versions, extensions,
 * prefetch keys it did not ask for. They are dropped before the strict binding, and logged at debug, by name only.
 * What the service does read stays strict.
 */
final class SpecTolerance {

    private static final Logger LOG = Logger.getLogger(SpecTolerance.class);
    private static final Set<String> TOP = Set.of("hook", "hookInstance", "fhirServer", "fhirAuthorization", "context",
            "prefetch", "extension");
    private static final Set<String> CONTEXT = Set.of("userId", "patientId", "encounterId");
    private static final Set<String> AUTHORIZATION = Set.of("access_token", "token_type", "expires_in", "scope",
            "subject", "patient");

    private SpecTolerance() {
    }

    /** The request without what this service does not use; anything that is not an object is left to the binder. */
    static JsonNode withoutUnused(JsonNode request) {
        if (!(request instanceof ObjectNode object)) {
            return request;
        }
        List<String> ignored = new ArrayList<>();
        keepOnly(object, "", TOP, ignored);
        if (object.get("context") instanceof ObjectNode context) {
            keepOnly(context, "context.", CONTEXT, ignored);
        }
        if (object.get("fhirAuthorization") instanceof ObjectNode authorization) {
            keepOnly(authorization, "fhirAuthorization.", AUTHORIZATION, ignored);
        }
        if (object.get("prefetch") instanceof ObjectNode prefetch) {
            keepOnly(prefetch, "prefetch.", PrefetchKey.templates().keySet(), ignored);
        }
        if (!ignored.isEmpty() && LOG.isDebugEnabled()) {
            LOG.debugf("CDS Hooks request: ignored %s", ignored);
        }
        return object;
    }

    private static void keepOnly(ObjectNode node, String prefix, Set<String> known, List<String> ignored) {
        List<String> unknown = new ArrayList<>();
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                unknown.add(name);
            }
        });
        unknown.forEach(name -> {
            node.remove(name);
            ignored.add(prefix + Excerpt.of(name));
        });
    }
}
