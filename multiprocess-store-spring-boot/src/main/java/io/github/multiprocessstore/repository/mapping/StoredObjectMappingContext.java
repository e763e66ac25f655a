package io.github.multiprocessstore.repository.mapping;

import org.springframework.data.core.TypeInformation;
import org.springframework.data.mapping.Association;
import org.springframework.data.mapping.PersistentEntity;
import org.springframework.data.mapping.context.AbstractMappingContext;
import org.springframework.data.mapping.model.AnnotationBasedPersistentProperty;
import org.springframework.data.mapping.model.BasicPersistentEntity;
import org.springframework.data.mapping.model.Property;
import org.springframework.data.mapping.model.SimpleTypeHolder;

/**
 * Spring Data's metadata of stored types, read from their fields and annotations ({@code @Id}, {@code @Version},
 * {@code @CreatedDate}, {@code @LastModifiedBy}...). Auditing uses it to find and set the audited properties;
 * mapping to JSON is Jackson's. Entities are created on first use.
 */
public final class StoredObjectMappingContext
        extends AbstractMappingContext<
                BasicPersistentEntity<?, StoredObjectMappingContext.StoredProperty>,
                StoredObjectMappingContext.StoredProperty> {

    @Override
    protected <T> BasicPersistentEntity<?, StoredProperty> createPersistentEntity(TypeInformation<T> typeInformation) {
        return new BasicPersistentEntity<>(typeInformation);
    }

    @Override
    protected StoredProperty createPersistentProperty(
            Property property, BasicPersistentEntity<?, StoredProperty> owner, SimpleTypeHolder simpleTypeHolder) {
        return new StoredProperty(property, owner, simpleTypeHolder);
    }

    /** A property of a stored type; stored objects hold no associations to other collections. */
    public static final class StoredProperty extends AnnotationBasedPersistentProperty<StoredProperty> {

        StoredProperty(Property property, PersistentEntity<?, StoredProperty> owner, SimpleTypeHolder types) {
            super(property, owner, types);
        }

        @Override
        protected Association<StoredProperty> createAssociation() {
            return new Association<>(this, null);
        }
    }
}
