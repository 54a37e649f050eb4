package org.acupressurecds.knowledge;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Why a clinician set an answer aside: offered with every card, those fitting its verdict, so an override says why at
 * every level (CDS Hooks allows them on any card). Coded in {@link #SYSTEM}; the record keeps the code.
 */
public enum OverrideReason {
    ALREADY_MANAGED("already-managed", "Already referred or under medical care for this",
            EnumSet.of(Verdict.EMERGENCY, Verdict.URGENT_REFERRAL, Verdict.CLEARANCE_REQUIRED, Verdict.CAUTION)),
    FINDING_NOT_PRESENT("finding-not-present", "The finding is not present (the record is out of date or wrong)",
            EnumSet.of(Verdict.EMERGENCY, Verdict.URGENT_REFERRAL, Verdict.CLEARANCE_REQUIRED, Verdict.CAUTION)),
    NOT_APPLICABLE("not-applicable", "The advice does not apply to this patient",
            EnumSet.of(Verdict.CLEARANCE_REQUIRED, Verdict.CAUTION, Verdict.SUITABLE)),
    PATIENT_DECLINED("patient-declined", "The patient declined", EnumSet.allOf(Verdict.class)),
    OTHER_CLINICAL_REASON("other-clinical-reason", "Another clinical reason (say which in the comment)",
            EnumSet.allOf(Verdict.class));

    public static final String SYSTEM = "https://acupressure-cds.org/fhir/CodeSystem/override-reason";

    private final String code;
    private final String display;
    private final Set<Verdict> fits;

    OverrideReason(String code, String display, Set<Verdict> fits) {
        this.code = code;
        this.display = display;
        this.fits = fits;
    }

    public String code() {
        return code;
    }

    public String display() {
        return display;
    }

    /** The reasons a card with this verdict offers, in this order. */
    public static List<OverrideReason> fitting(Verdict verdict) {
        return Arrays.stream(values()).filter(r -> r.fits.contains(verdict)).toList();
    }

    public static Optional<OverrideReason> ofCode(String code) {
        return Arrays.stream(values()).filter(r -> r.code.equals(code)).findFirst();
    }
}
