package io.github.multiprocessstore.repository;

import org.jspecify.annotations.Nullable;
import org.springframework.data.repository.core.EntityInformation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring Data's view of a stored type: the id is the JSON property {@code _id}, and an object is new when it has
 * no {@code _rev} (its save inserts).
 */
final class StoredObjectInformation<T> implements EntityInformation<T, String> {

    private final Class<T> type;
    private final JsonMapper mapper;

    StoredObjectInformation(Class<T> type, JsonMapper mapper) {
        this.type = type;
        this.mapper = mapper;
    }

    @Override
    public boolean isNew(T entity) {
        JsonNode rev = mapper.valueToTree(entity).get(DefaultObjectRepository.REV);
        return rev == null || !rev.isString() || rev.stringValue().isEmpty();
    }

    @Override
    public @Nullable String getId(T entity) {
        JsonNode id = mapper.valueToTree(entity).get(DefaultObjectRepository.ID);
        return id != null && id.isString() ? id.stringValue() : null;
    }

    @Override
    public Class<String> getIdType() {
        return String.class;
    }

    @Override
    public Class<T> getJavaType() {
        return type;
    }
}
