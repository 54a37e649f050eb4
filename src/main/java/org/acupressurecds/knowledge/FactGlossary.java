package org.acupressurecds.knowledge;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The rule authors' glossary of every fact and field, generated from the fact model and its {@link Meaning}s, for
 * docs/rule-authoring.md: a new field cannot reach the rules without its meaning reaching the authors.
 */
public final class FactGlossary {

    /** Where the glossary starts and ends in the doc. */
    public static final String START = "<!-- fact glossary: generated from the fact model (@Meaning), do not edit -->";
    public static final String END = "<!-- end of the fact glossary -->";

    private static final String REASON = "why, in a sentence a clinician reads in the answer";

    private FactGlossary() {
    }

    /** The glossary in Markdown, between START and END. */
    public static String markdown() {
        StringBuilder md = new StringBuilder(START).append('\n');
        for (Class<? extends Record> fact : FactModel.FACTS) {
            md.append("\n#### `").append(fact.getSimpleName()).append("`\n\n").append(meaningOf(fact)).append('\n');
            RecordComponent[] fields = fact.getRecordComponents();
            md.append("\n| field | type | allowed values | meaning |\n|---|---|---|---|\n");
            for (RecordComponent field : fields) {
                Meaning meaning = field.getAnnotation(Meaning.class);
                md.append("| `").append(field.getName()).append("` | `").append(typeName(field.getGenericType()))
                        .append("` | ").append(meaning != null && !meaning.values().isEmpty() ? meaning.values()
                                : valuesOf(field.getGenericType()))
                        .append(" | ").append(meaning != null ? meaning.value() : REASON).append(" |\n");
            }
        }
        return md.append('\n').append(END).toString();
    }

    /** The facts and fields without a meaning: only an Explained fact's reason may go without one. */
    public static List<String> missingMeanings() {
        List<String> missing = new ArrayList<>();
        for (Class<? extends Record> fact : FactModel.FACTS) {
            if (fact.getAnnotation(Meaning.class) == null) {
                missing.add(fact.getSimpleName());
            }
            for (RecordComponent field : fact.getRecordComponents()) {
                boolean reason = field.getName().equals("reason") && Explained.class.isAssignableFrom(fact);
                if (field.getAnnotation(Meaning.class) == null && !reason) {
                    missing.add(fact.getSimpleName() + "." + field.getName());
                }
            }
        }
        return missing;
    }

    private static String meaningOf(Class<?> fact) {
        Meaning meaning = fact.getAnnotation(Meaning.class);
        return meaning == null ? "" : meaning.value();
    }

    private static String typeName(Type type) {
        if (type instanceof ParameterizedType p) {
            return ((Class<?>) p.getRawType()).getSimpleName() + Arrays.stream(p.getActualTypeArguments())
                    .map(FactGlossary::typeName).collect(Collectors.joining(", ", "<", ">"));
        }
        return ((Class<?>) type).getSimpleName();
    }

    private static String valuesOf(Type type) {
        if (type instanceof ParameterizedType p) {
            Type[] args = p.getActualTypeArguments();
            if (p.getRawType() == Map.class) {
                return "each `" + typeName(args[0]) + "` to " + valuesOf(args[1]);
            }
            return args[0] == String.class ? "a list of text" : "any of " + valuesOf(args[0]);
        }
        Class<?> c = (Class<?>) type;
        if (c.isEnum()) {
            return Arrays.stream(c.getEnumConstants()).map(e -> "`" + ((Enum<?>) e).name() + "`")
                    .collect(Collectors.joining(", "));
        }
        if (c == boolean.class) {
            return "`true`, `false`";
        }
        if (c == Boolean.class) {
            return "`true`, `false`, or null when not given";
        }
        if (c == int.class || c == Integer.class) {
            return "a whole number";
        }
        if (c == LocalDate.class) {
            return "a date";
        }
        return "text";
    }
}
