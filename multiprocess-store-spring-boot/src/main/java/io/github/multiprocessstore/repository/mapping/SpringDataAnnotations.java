package io.github.multiprocessstore.repository.mapping;

import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import tools.jackson.core.Version;
import tools.jackson.databind.AnnotationIntrospector;
import tools.jackson.databind.PropertyName;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.NopAnnotationIntrospector;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lets Jackson read Spring Data's {@code @Id} as the JSON property {@code _id} and {@code @Version} as
 * {@code _rev}, the names the store gives the id and the revision, so that
 * {@code record Note(@Id String id, @Version String rev, String text)} is stored as
 * {@code {"_id": ..., "_rev": ..., "text": ...}}. An explicit {@code @JsonProperty} name still wins.
 */
public final class SpringDataAnnotations extends NopAnnotationIntrospector {

    /** The JSON property of the id. */
    public static final String ID = "_id";

    /** The JSON property of the revision. */
    public static final String REV = "_rev";

    private static final long serialVersionUID = 1L;

    /**
     * A mapper like {@code mapper} (same modules, features and naming) that also reads these annotations.
     *
     * @param mapper the application's mapper
     * @return the mapper for stored objects
     */
    public static JsonMapper applyTo(JsonMapper mapper) {
        JsonMapper.Builder builder = mapper.rebuild();
        AnnotationIntrospector existing = builder.annotationIntrospector();
        // The existing introspector comes first, so an explicit @JsonProperty name wins over @Id/@Version.
        return builder.annotationIntrospector(AnnotationIntrospector.pair(existing, new SpringDataAnnotations()))
                .build();
    }

    @Override
    public @Nullable PropertyName findNameForSerialization(MapperConfig<?> config, Annotated annotated) {
        return storeName(annotated);
    }

    @Override
    public @Nullable PropertyName findNameForDeserialization(MapperConfig<?> config, Annotated annotated) {
        return storeName(annotated);
    }

    private static @Nullable PropertyName storeName(Annotated annotated) {
        if (annotated.hasAnnotation(Id.class)) {
            return PropertyName.construct(ID);
        }
        if (annotated.hasAnnotation(org.springframework.data.annotation.Version.class)) {
            return PropertyName.construct(REV);
        }
        return null;
    }

    @Override
    public Version version() {
        return Version.unknownVersion();
    }
}
