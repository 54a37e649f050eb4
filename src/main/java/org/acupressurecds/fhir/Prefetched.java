package org.acupressurecds.fhir;

import java.util.List;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;

/**
 * What the EHR gave for one prefetch key, in the three ways CDS Hooks distinguishes: resources; no such data
 * (a null value or an empty search); or an OperationOutcome, which means the data could not be had, never "none".
 */
public sealed interface Prefetched {

    record Found(List<Resource> resources) implements Prefetched {
    }

    record NoData() implements Prefetched {
    }

    record Unavailable(String why) implements Prefetched {
    }

    static Prefetched of(IBaseResource resource) {
        if (resource == null) {
            return new NoData();
        }
        if (resource instanceof OperationOutcome outcome) {
            return new Unavailable(diagnostics(outcome));
        }
        if (resource instanceof Bundle bundle) {
            // Search "outcome" entries are warnings about the search, not data about the patient.
            List<Resource> found = bundle.getEntry().stream()
                    .filter(e -> e.getResource() != null)
                    .filter(e -> e.getSearch().getMode() != Bundle.SearchEntryMode.OUTCOME)
                    .map(Bundle.BundleEntryComponent::getResource)
                    .toList();
            return found.isEmpty() ? new NoData() : new Found(found);
        }
        return new Found(List.of((Resource) resource));
    }

    private static String diagnostics(OperationOutcome outcome) {
        String text = outcome.getIssue().stream()
                .map(issue -> issue.hasDiagnostics() ? issue.getDiagnostics() : issue.getCode() == null ? ""
                        : issue.getCode().toCode())
                .filter(s -> !s.isBlank())
                .collect(Collectors.joining("; "));
        return text.isEmpty() ? "the EHR returned an OperationOutcome" : text;
    }
}
