package org.acupressurecds.knowledge;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * The answer to "may this patient use an acupressure mat, and how?". The plan fields (positions to warningSigns) are null
 * unless the verdict allows a plan; expectedResponse is null when the sciatica type is not established. decidedBy: the
 * rules that decided the verdict (the conclusion chain of the decision), in the order of the reasons; the other
 * reasons shaped the plan or say what is missing.
 */
public record Assessment(
        Verdict verdict,
        String action,
        ExpectedResponse expectedResponse,
        List<Position> positions,
        List<ProtocolWeek> protocol,
        List<MatAdvice> mat,
        List<ComplementaryCare> complementaryCare,
        List<TimelineMilestone> timeline,
        List<WarningSign> warningSigns,
        List<Reason> reasons,
        List<String> decidedBy,
        List<MissingData> missingData,
        LocalDate assessmentDate,
        String rulesetVersion) {

    /**
     * Where one patient's candidate readings conflict (a record that codes two sciatica types), the most cautious
     * answer is the greatest: the most severe verdict, then the lowest expected response (none stated counts as the
     * lowest).
     */
    public static final Comparator<Assessment> MOST_CAUTIOUS = Comparator.comparing(Assessment::verdict)
            .thenComparing(a -> a.expectedResponse() == null ? 0 : -a.expectedResponse().stars());

    public boolean hasPlan() {
        return positions != null;
    }
}
