package org.acupressurecds.engine;

import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.acupressurecds.knowledge.FactModel;
import org.acupressurecds.knowledge.PatientFacts;
import org.acupressurecds.knowledge.RedFlag;
import org.acupressurecds.knowledge.Verdict;

/**
 * Everything a rule may name, and nothing more: the fact model's records and their fields, the constants of its
 * vocabularies, a short list of pure methods, {@code List.of}, and the functions of the rules package. None of it
 * loops, allocates beyond its arguments, reads the clock, or reaches the host. The source check reads this list by
 * name; the bytecode check reads it by class, name and descriptor. A method rules may newly call is one line here.
 */
final class RuleVocabulary {

    static final String FACT_PACKAGE = "org.acupressurecds.knowledge";

    /** The pure methods rules may call besides the facts' fields, by the type that declares them. */
    private static final Map<Class<?>, List<String>> PURE_METHODS = Map.of(
            PatientFacts.class, List.of("daysAgo", "daysSinceNoted"),
            Verdict.class, List.of("isMoreSevereThan", "inWords"),
            RedFlag.class, List.of("isCaudaEquinaSign"),
            LocalDate.class, List.of("isBefore", "isAfter", "isEqual", "minusDays", "minusWeeks", "minusMonths",
                    "minusYears", "plusDays", "plusWeeks", "plusMonths", "plusYears"),
            Collection.class, List.of("contains", "isEmpty", "size"),
            Set.class, List.of("contains", "isEmpty", "size"),
            List.class, List.of("contains", "isEmpty", "size"));

    /** The date methods that shift a date by a number of units: the safety gate tries dates around each shift. */
    static final Set<String> DATE_SHIFTS = Set.of("minusDays", "minusWeeks", "minusMonths", "minusYears", "plusDays",
            "plusWeeks", "plusMonths", "plusYears");

    /** Types a function may take or return, besides the fact model. */
    private static final Map<String, Class<?>> VALUE_TYPES = Map.of("String", String.class, "int", int.class,
            "long", long.class, "boolean", boolean.class, "Integer", Integer.class, "Long", Long.class,
            "Boolean", Boolean.class, "LocalDate", LocalDate.class);

    /** What a rule file may import, besides the whole fact package. */
    static final Set<String> IMPORTS = Stream.concat(
            Stream.concat(FactModel.FACTS.stream(), FactModel.VOCABULARIES.stream()).map(Class::getName),
            Stream.of(List.class.getName(), Set.class.getName(), LocalDate.class.getName()))
            .collect(Collectors.toUnmodifiableSet());

    static final String IMPORTS_ALLOWED = "import " + FACT_PACKAGE + ".*, and java.util.List where a rule "
            + "uses List.of";

    final Map<String, Class<?>> facts = bySimpleName(FactModel.FACTS);
    /** What a consequence may conclude: every fact but the patient, who is given. */
    final Map<String, Class<?>> concluded;
    final Map<String, Class<?>> vocabularies = bySimpleName(FactModel.VOCABULARIES);
    /** Every field of every fact, by name: a condition reads one as a property, a consequence calls its accessor. */
    final Set<String> fields;
    /** Every method name a rule may call on a value: fields and pure methods. */
    final Set<String> methods;

    RuleVocabulary() {
        Map<String, Class<?>> results = new LinkedHashMap<>(facts);
        results.remove(PatientFacts.class.getSimpleName());
        concluded = Map.copyOf(results);
        fields = FactModel.FACTS.stream().flatMap(f -> Arrays.stream(f.getRecordComponents()))
                .map(RecordComponent::getName).collect(Collectors.toUnmodifiableSet());
        Set<String> callable = new TreeSet<>(fields);
        PURE_METHODS.values().forEach(callable::addAll);
        methods = Set.copyOf(callable);
    }

    /** Whether a fact of this type has the field. */
    boolean hasField(Class<?> fact, String field) {
        return fact.isRecord() && Arrays.stream(fact.getRecordComponents()).anyMatch(c -> c.getName().equals(field));
    }

    /** The type of a fact's field, or null where it has none. */
    Class<?> fieldType(Class<?> fact, String field) {
        return fact.isRecord() ? Arrays.stream(fact.getRecordComponents()).filter(c -> c.getName().equals(field))
                .map(RecordComponent::getType).findFirst().orElse(null) : null;
    }

    /** A field the fact does not have, in the fact model's words, with the likely one meant and all it has. */
    static String noField(Class<?> fact, String field) {
        List<String> fields = Arrays.stream(fact.getRecordComponents()).map(RecordComponent::getName).toList();
        return fact.getSimpleName() + " has no field " + field + ": "
                + DidYouMean.closest(field, fields).map(f -> "did you mean " + f + "? ").orElse("")
                + "its fields are " + String.join(", ", fields) + " (docs/rule-authoring.md lists what each means)";
    }

    /** Whether the fact type itself declares the pure method (e.g. daysAgo on PatientFacts, called without a scope). */
    boolean hasOwnMethod(Class<?> fact, String method) {
        return PURE_METHODS.getOrDefault(fact, List.of()).contains(method);
    }

    /** Whether a rule may call the method on a value of the type: a fact's field, or a pure method of it or its supertypes. */
    boolean callableOn(Class<?> type, String method) {
        if (type.isRecord() && hasField(type, method)) {
            return true;
        }
        for (Class<?> t = type; t != null; t = t.getSuperclass()) {
            if (hasOwnMethod(t, method)) {
                return true;
            }
        }
        return Arrays.stream(type.getInterfaces()).anyMatch(i -> hasOwnMethod(i, method));
    }

    /** What the method returns on the type, with that many arguments; null where it has none. */
    static Class<?> returnType(Class<?> type, String method, int arguments) {
        return Arrays.stream(type.getMethods()).filter(m -> m.getName().equals(method) && m.getParameterCount() == arguments)
                .map(Method::getReturnType).findFirst().orElse(null);
    }

    /** Whether the vocabulary has the constant. */
    boolean hasConstant(Class<?> vocabulary, String constant) {
        return Arrays.stream(vocabulary.getEnumConstants()).anyMatch(c -> ((Enum<?>) c).name().equals(constant));
    }

    Set<String> constantsOf(Class<?> vocabulary) {
        return Arrays.stream(vocabulary.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** A type a function may take or return: a value type or one of the fact model's; null where it is neither. */
    Class<?> functionType(String name) {
        if (VALUE_TYPES.containsKey(name)) {
            return VALUE_TYPES.get(name);
        }
        return facts.containsKey(name) ? facts.get(name) : vocabularies.get(name);
    }

    Set<String> functionTypes() {
        Set<String> names = new TreeSet<>(VALUE_TYPES.keySet());
        names.addAll(facts.keySet());
        names.addAll(vocabularies.keySet());
        return names;
    }

    /** In words, for an author who named something else. */
    String methodsInWords() {
        return "rules call the fields of the facts (e.g. $patient.redFlagsScreened()), "
                + Stream.of(PatientFacts.class, Verdict.class, RedFlag.class, LocalDate.class, Collection.class)
                        .map(t -> t.getSimpleName() + " " + String.join(", ", PURE_METHODS.get(t)))
                        .collect(Collectors.joining("; "))
                + "; List.of; and the functions of the rules package";
    }

    /**
     * The methods and constructors the compiled rules may refer to, as internal owner name, method name and
     * descriptor: the facts' constructors and fields, the pure methods, List.of.
     */
    Set<String> compiledMembers() {
        Set<String> members = new TreeSet<>();
        for (Class<?> fact : FactModel.FACTS) {
            for (RecordComponent c : fact.getRecordComponents()) {
                members.add(member(fact, c.getAccessor()));
            }
        }
        concluded.values().forEach(fact -> Arrays.stream(fact.getConstructors())
                .filter(c -> Modifier.isPublic(c.getModifiers())).forEach(c -> members.add(member(fact, c))));
        PURE_METHODS.forEach((owner, names) -> Arrays.stream(owner.getMethods())
                .filter(m -> names.contains(m.getName())).forEach(m -> members.add(member(owner, m))));
        Arrays.stream(List.class.getMethods()).filter(m -> m.getName().equals("of") && Modifier.isStatic(m.getModifiers()))
                .forEach(m -> members.add(member(List.class, m)));
        return members;
    }

    static String member(Class<?> owner, Executable e) {
        String name = e instanceof Method ? e.getName() : "<init>";
        String descriptor = e instanceof Method m ? org.objectweb.asm.Type.getMethodDescriptor(m)
                : org.objectweb.asm.Type.getConstructorDescriptor((java.lang.reflect.Constructor<?>) e);
        return org.objectweb.asm.Type.getInternalName(owner) + "." + name + descriptor;
    }

    private static Map<String, Class<?>> bySimpleName(List<? extends Class<?>> types) {
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        types.forEach(t -> byName.put(t.getSimpleName(), t));
        return Map.copyOf(byName);
    }
}
