package org.acupressurecds.cdshooks;

import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;

/**
 * HAPI FHIR's validator against base R4, offline: the core definitions shipped with it, its in-memory terminology, no
 * remote terminology server. (CPG-on-FHIR profiles need an IG package Maven does not serve: base R4 only.)
 */
public final class R4Validator {

    private static final FhirValidator VALIDATOR = Ehr.FHIR.newValidator().registerValidatorModule(
            new FhirInstanceValidator(new ValidationSupportChain(new DefaultProfileValidationSupport(Ehr.FHIR),
                    new CommonCodeSystemsTerminologyService(Ehr.FHIR),
                    new InMemoryTerminologyServerValidationSupport(Ehr.FHIR),
                    new SnapshotGeneratingValidationSupport(Ehr.FHIR))));

    private R4Validator() {
    }

    /** The errors (and fatal messages) the validator finds in a resource given as JSON; none for a valid one. */
    public static List<String> errors(String json) {
        return VALIDATOR.validateWithResult(json).getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(SingleValidationMessage::toString).toList();
    }
}
