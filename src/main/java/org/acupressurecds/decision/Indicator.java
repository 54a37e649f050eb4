package org.acupressurecds.decision;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import org.acupressurecds.knowledge.Verdict;

/** A card's urgency, as CDS Hooks names it (its wire name); the record keeps its name. */
public enum Indicator {
    INFO,
    WARNING,
    CRITICAL;

    /** A new verdict does not compile until it has its indicator. */
    public static Indicator of(Verdict verdict) {
        return switch (verdict) {
            case EMERGENCY, URGENT_REFERRAL -> CRITICAL;
            case CLEARANCE_REQUIRED, CAUTION -> WARNING;
            case SUITABLE -> INFO;
        };
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
