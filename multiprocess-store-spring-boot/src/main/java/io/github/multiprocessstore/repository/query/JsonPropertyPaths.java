package io.github.multiprocessstore.repository.query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.core.PropertyPath;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.introspect.BeanPropertyDefinition;
import tools.jackson.databind.json.JsonMapper;

/**
 * Translates property paths into JSON property paths with the mapper's own view of each type, so that its naming
 * strategy, {@code @JsonProperty} names and the {@code _id}/{@code _rev} mapping apply: {@code addressCity} of a
 * derived query (Java names) becomes {@code ["address", "city"]}, a sort key written in JSON names
 * ({@code displayName}, {@code _id}) stays as it is. Thread-safe; the view of each type is computed once.
 */
public final class JsonPropertyPaths {

    private final JsonMapper mapper;
    private final Map<Class<?>, TypeProperties> types = new ConcurrentHashMap<>();

    /** @param mapper the mapper whose names apply */
    public JsonPropertyPaths(JsonMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * The JSON path of a property path derived from a query method's name.
     *
     * @param path the Java property path
     * @return the JSON property names, outermost first
     */
    public List<String> of(PropertyPath path) {
        List<String> names = new ArrayList<>();
        for (PropertyPath segment = path; segment != null; segment = segment.next()) {
            TypeProperties owner = properties(segment.getOwningType().getType());
            String json = owner.javaToJson.get(segment.getSegment());
            names.add(json != null ? json : segment.getSegment());
            if (!segment.hasNext()) {
                break;
            }
        }
        return List.copyOf(names);
    }

    /**
     * The JSON path of a sort key: JSON property names separated by dots; Java property names are accepted too and
     * translated.
     *
     * @param type the stored type
     * @param key  the sort key
     * @return the JSON property names, outermost first
     * @throws InvalidDataAccessApiUsageException if the type maps no such property, naming those it has
     */
    public List<String> ofSortKey(Class<?> type, String key) {
        List<String> names = new ArrayList<>();
        Class<?> current = type;
        for (String segment : key.split("\\.", -1)) {
            if (current == null) {
                // Below a map or an untyped value every name may exist.
                names.add(segment);
                continue;
            }
            TypeProperties properties = properties(current);
            String json = properties.jsonTypes.containsKey(segment) ? segment : properties.javaToJson.get(segment);
            if (json == null) {
                if (properties.open) {
                    names.add(segment);
                    current = null;
                    continue;
                }
                throw new InvalidDataAccessApiUsageException("No property '" + segment + "' (in sort key '" + key
                        + "') in the JSON of " + current.getName() + "; its JSON properties are "
                        + new TreeSet<>(properties.jsonTypes.keySet()));
            }
            names.add(json);
            current = properties.jsonTypes.get(json);
        }
        return List.copyOf(names);
    }

    /**
     * The JSON names the type reads and writes (for a type that keeps any other property itself, with
     * {@code @JsonAnySetter}, every name is its own).
     *
     * @param type the type
     * @return the names
     */
    public Set<String> jsonNames(Class<?> type) {
        return properties(type).jsonTypes.keySet();
    }

    /**
     * Whether the type keeps properties it does not name ({@code @JsonAnySetter}/{@code @JsonAnyGetter}, or a
     * map or JSON tree itself).
     */
    public boolean isOpen(Class<?> type) {
        return properties(type).open;
    }

    private TypeProperties properties(Class<?> type) {
        return types.computeIfAbsent(type, this::introspect);
    }

    private TypeProperties introspect(Class<?> type) {
        if (isUntyped(type)) {
            return new TypeProperties(Map.of(), Map.of(), true);
        }
        BeanDescription description =
                mapper._serializationContext().introspectBeanDescription(mapper.constructType(type));
        Map<String, String> javaToJson = new LinkedHashMap<>();
        Map<String, @Nullable Class<?>> jsonTypes = new LinkedHashMap<>();
        for (BeanPropertyDefinition property : description.findProperties()) {
            javaToJson.put(property.getInternalName(), property.getName());
            Class<?> raw = property.getRawPrimaryType();
            jsonTypes.put(property.getName(), isUntyped(raw) || isScalar(raw) ? null : raw);
        }
        boolean open = description.findAnySetterAccessor() != null || description.findAnyGetter() != null;
        return new TypeProperties(javaToJson, jsonTypes, open);
    }

    private static boolean isUntyped(Class<?> type) {
        return type == Object.class
                || Map.class.isAssignableFrom(type)
                || JsonNode.class.isAssignableFrom(type)
                || Collection.class.isAssignableFrom(type)
                || type.isArray();
    }

    private static boolean isScalar(Class<?> type) {
        return type.isPrimitive()
                || type.isEnum()
                || Number.class.isAssignableFrom(type)
                || CharSequence.class.isAssignableFrom(type)
                || type == Boolean.class
                || type.getName().startsWith("java.");
    }

    private record TypeProperties(
            Map<String, String> javaToJson, Map<String, @Nullable Class<?>> jsonTypes, boolean open) {}
}
