package org.acupressurecds.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;

/**
 * What the EHR gave for one prefetch key, in the three ways CDS Hooks distinguishes: resources; no such data
 * (a null value or an empty search); or an OperationOutcome, which means the data could not be had, never "none".
 * A list may be incomplete, and then says why: more pages than were sent, or the EHR said so in the search.
 */
public sealed interface Prefetched {

    /** gaps: why the list may not be whole, in words; empty when nothing says it is not. */
    record Found(List<Resource> resources, List<String> gaps) implements Prefetched {
        public Found(List<Resource> resources) {
            this(resources, List.of());
        }
    }

    record NoData() implements Prefetched {
    }

    record Unavailable(String why) implements Prefetched {
    }

    /** Issues that say a search did not return everything; information and warnings about it change nothing. */
    Set<IssueSeverity> SEVERE = Set.of(IssueSeverity.ERROR, IssueSeverity.FATAL);

    /** What the EHR gave, where the key needs its whole list. */
    static Prefetched of(IBaseResource resource) {
        return of(resource, true);
    }

    /** wholeList: whether more pages than were sent make the list incomplete (the newest pain score needs one). */
    static Prefetched of(IBaseResource resource, boolean wholeList) {
        if (resource == null) {
            return new NoData();
        }
        if (resource instanceof OperationOutcome outcome) {
            return new Unavailable(diagnostics(outcome));
        }
        if (resource instanceof Bundle bundle) {
            List<Resource> found = new ArrayList<>();
            List<String> gaps = new ArrayList<>();
            int matches = 0;
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                Resource r = entry.getResource();
                if (r instanceof OperationOutcome outcome) {
                    if (saysIncomplete(outcome)) {
                        gaps.add("the EHR said not everything could be returned (" + codes(outcome) + ")");
                    }
                } else if (r != null && entry.getSearch().getMode() != Bundle.SearchEntryMode.OUTCOME) {
                    found.add(r);
                    matches += entry.getSearch().getMode() == Bundle.SearchEntryMode.INCLUDE ? 0 : 1;
                }
            }
            if (wholeList && bundle.getLink(Bundle.LINK_NEXT) != null) {
                gaps.add("it has more pages than were sent");
            } else if (wholeList && bundle.hasTotal() && bundle.getTotal() > matches) {
                gaps.add("the EHR counted " + bundle.getTotal() + " but sent " + matches);
            }
            return found.isEmpty() && gaps.isEmpty() ? new NoData() : new Found(found, List.copyOf(gaps));
        }
        return new Found(List.of((Resource) resource));
    }

    /** An error or fatal issue, or one coded "incomplete", whatever its severity. */
    private static boolean saysIncomplete(OperationOutcome outcome) {
        return outcome.getIssue().stream().anyMatch(issue -> SEVERE.contains(issue.getSeverity())
                || issue.getCode() == IssueType.INCOMPLETE);
    }

    /** Only the issue codes, a closed vocabulary: free text from a FHIR server never reaches a card. */
    private static String codes(OperationOutcome outcome) {
        String codes = outcome.getIssue().stream()
                .filter(issue -> issue.getCode() != null && issue.getCode() != IssueType.NULL)
                .map(issue -> issue.getCode().toCode())
                .distinct()
                .collect(Collectors.joining(", "));
        return codes.isEmpty() ? "an OperationOutcome" : "an OperationOutcome: " + codes;
    }

    private static String diagnostics(OperationOutcome outcome) {
        return "the EHR returned " + codes(outcome);
    }
}
