package org.acupressurecds.request;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Collectors;
import org.acupressurecds.knowledge.PatientFacts;

/**
 * A link to the physiotherapist's page with the form pre-filled: the query parameters are the assessment API's fields,
 * which is what the page reads, taken from {@link AssessmentRequest#describing} so a new field needs no change here.
 * The page decides the screening and the date itself.
 */
public final class PageLink {

    private static final Set<String> SET_BY_THE_PAGE = Set.of("redFlagsScreened", "assessmentDate");
    /** Read once: asked for on every card, the JVM resolves each component's type again (docs/performance.md). */
    private static final RecordComponent[] FIELDS = AssessmentRequest.class.getRecordComponents();

    private PageLink() {
    }

    public static String to(URI base, PatientFacts facts) {
        AssessmentRequest request = AssessmentRequest.describing(facts);
        StringJoiner query = new StringJoiner("&");
        for (RecordComponent field : FIELDS) {
            Object value = valueOf(field, request);
            String text = value instanceof Collection<?> list
                    ? list.stream().map(Object::toString).collect(Collectors.joining(","))
                    : value == null ? "" : value.toString();
            if (!text.isEmpty() && !SET_BY_THE_PAGE.contains(field.getName())) {
                query.add(field.getName() + "=" + URLEncoder.encode(text, StandardCharsets.UTF_8));
            }
        }
        return base.resolve("/").toString() + "?" + query;
    }

    private static Object valueOf(RecordComponent field, AssessmentRequest request) {
        try {
            return field.getAccessor().invoke(request);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + field.getName(), e);
        }
    }
}
