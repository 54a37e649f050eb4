package org.acupressurecds.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Binds a JSON object to a request record one field at a time, so that a caller hears of every bad field in one
 * answer rather than of the first one Jackson trips over.
 */
@ApplicationScoped
public class StrictBinder {

    private final ObjectMapper mapper;
    /**
     * Each record type's components, worked out once: asked on every request, the JVM resolves every component's type
     * again, a few percent of a CDS Hooks call's CPU (docs/performance.md, "A profile with perf").
     */
    private final ClassValue<Shape> shapes = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            List<String> names = Arrays.stream(components).map(RecordComponent::getName).toList();
            try {
                return new Shape(names, names.stream().sorted().toList(), Arrays.stream(components)
                        .map(c -> mapper.constructType(c.getGenericType())).toArray(JavaType[]::new),
                        type.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType)
                                .toArray(Class<?>[]::new)));
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("cannot construct " + type.getSimpleName(), e);
            }
        }
    };

    /** A record type's field names (in order, and sorted for an error), their types, its canonical constructor. */
    private record Shape(List<String> names, List<String> sorted, JavaType[] types, Constructor<?> constructor) {
    }

    public StrictBinder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Binds every field it can, runs the record's own checks on the result, and throws one
     * {@link InvalidRequestException} with all the errors. A field that did not bind is left null, and the checks'
     * complaints about it (such as "is required") are dropped: its binding error already says what is wrong.
     */
    public <T extends Record> T bind(JsonNode body, Class<T> type, Function<T, List<FieldError>> checks) {
        if (body == null || body.isMissingNode() || body.isNull()) {
            throw new InvalidRequestException(List.of(new FieldError("body", "is required: a JSON object")));
        }
        if (!body.isObject()) {
            throw new InvalidRequestException(List.of(new FieldError("body", "must be a JSON object")));
        }
        Shape shape = shapes.get(type);
        List<FieldError> errors = new ArrayList<>();
        body.fieldNames().forEachRemaining(name -> {
            if (!shape.names().contains(name)) {
                errors.add(new FieldError(Excerpt.of(name), "is not a known field", shape.sorted()));
            }
        });

        Object[] values = new Object[shape.names().size()];
        Set<String> unbound = new HashSet<>();
        for (int i = 0; i < values.length; i++) {
            String name = shape.names().get(i);
            JsonNode value = body.get(name);
            if (value == null || value.isNull()) {
                continue;
            }
            try {
                values[i] = bindOne(value, shape.types()[i]);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                errors.add(ProblemMappers.fieldError(name, e));
                unbound.add(name);
            }
        }
        T bound = type.cast(construct(type, shape.constructor(), values));
        checks.apply(bound).stream().filter(e -> !unbound.contains(rootField(e.field()))).forEach(errors::add);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return bound;
    }

    /** A field that holds JSON as such (CDS Hooks' prefetch: FHIR resources) is taken as it is, not copied. */
    private Object bindOne(JsonNode value, JavaType type) throws JsonProcessingException {
        if (type.hasRawClass(JsonNode.class)) {
            return value;
        }
        if (type.isMapLikeType() && type.getKeyType().hasRawClass(String.class)
                && type.getContentType().hasRawClass(JsonNode.class) && value.isObject()) {
            Map<String, JsonNode> fields = new LinkedHashMap<>();
            value.fields().forEachRemaining(field -> fields.put(field.getKey(), field.getValue()));
            return fields;
        }
        return mapper.treeToValue(value, type);
    }

    private static String rootField(String path) {
        return path.split("[.\\[]", 2)[0];
    }

    private static Object construct(Class<?> type, Constructor<?> constructor, Object[] values) {
        try {
            return constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + type.getSimpleName(), e);
        }
    }
}
