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

    /** Only the issue codes, a closed vocabulary: free text from a FHIR server never reaches a card. */
    private static String diagnostics(OperationOutcome outcome) {
        String codes = outcome.getIssue().stream()
                .filter(issue -> issue.getCode() != null && issue.getCode() != OperationOutcome.IssueType.NULL)
                .map(issue -> issue.getCode().toCode())
                .distinct()
                .collect(Collectors.joining(", "));
        return codes.isEmpty() ? "the EHR returned an OperationOutcome"
                : "the EHR returned an OperationOutcome: " + codes;
    }
}
