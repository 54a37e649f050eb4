package org.acupressurecds.web;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.acupressurecds.knowledge.PatientFacts;

/**
 * A link to the physiotherapist's page with the form pre-filled: the query parameters are named as the assessment
 * API's fields, which is what the page reads. Red flags are never marked as screened by a link.
 */
public final class PageLink {

    private PageLink() {
    }

    public static String to(URI base, PatientFacts facts) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("sciaticaType", facts.sciaticaType());
        params.put("painScore", facts.painScore());
        params.put("redFlags", facts.redFlags().isEmpty() ? null
                : facts.redFlags().stream().map(Enum::name).sorted().collect(Collectors.joining(",")));
        params.put("laterality", facts.laterality());
        params.put("spinalSurgeryDate", facts.spinalSurgeryDate());
        params.put("medicalClearance", facts.medicalClearance());
        params.put("largeDiscHerniationWithImpingement", facts.largeDiscHerniationWithImpingement());
        params.put("referredLegPain", facts.referredLegPain());
        params.put("sedentaryWork", facts.sedentaryWork());
        String query = params.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue().toString(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return base.resolve("/").toString() + "?" + query;
    }
}
