package org.acupressurecds.knowledge;

import java.util.Locale;

/**
 * Verdicts in ascending severity: the declaration order is the severity order. Each carries its words, the one table
 * of them: the card's label, the page's heading and icon; the answer's words are its name in lower case. The page is
 * served this table (GET /api/v1/verdicts) rather than keeping a copy.
 */
public enum Verdict {
    SUITABLE("Acupressure mat suitable", "Acupressure mat suitable", "✓"),
    CAUTION("Acupressure mat with caution", "Acupressure mat with caution", "△"),
    CLEARANCE_REQUIRED("Medical clearance required first", "Medical clearance required first", "⏸"),
    URGENT_REFERRAL("Urgent referral", "Urgent referral: stop the acupressure mat", "⚠"),
    EMERGENCY("Emergency", "Emergency: no acupressure mat", "⛔");

    private final String label;
    private final String heading;
    private final String icon;

    Verdict(String label, String heading, String icon) {
        this.label = label;
        this.heading = heading;
        this.icon = icon;
    }

    public boolean isMoreSevereThan(Verdict other) {
        return compareTo(other) > 0;
    }

    /** The verdict as a clinician reads it in a sentence: "urgent referral", not URGENT_REFERRAL. */
    public String inWords() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** The card's label, in clinical words: "Urgent referral". */
    public String label() {
        return label;
    }

    /** The page's heading, which says what it means for the mat: "Urgent referral: stop the acupressure mat". */
    public String heading() {
        return heading;
    }

    /** The page's icon beside the heading (not read out: the heading says it). */
    public String icon() {
        return icon;
    }
}
