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

    /** The verdict as a clinician reads it: "urgent referral", not URGENT_REFERRAL. */
    public String inWords() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
