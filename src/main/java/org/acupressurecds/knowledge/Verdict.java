package org.acupressurecds.knowledge;

/** Verdicts in ascending severity: the declaration order is the severity order. */
public enum Verdict {
    SUITABLE,
    CAUTION,
    CLEARANCE_REQUIRED,
    URGENT_REFERRAL,
    EMERGENCY;

    public boolean isMoreSevereThan(Verdict other) {
        return compareTo(other) > 0;
    }
}
