package io.github.multiprocessstore.repository;

import io.github.multiprocessstore.conflicts.ConflictPolicy;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class (or record) whose instances are stored in a collection of the store. Classes with this annotation
 * in the application's packages (those of {@code @SpringBootApplication}) are found at start-up, and one
 * {@link ObjectRepository} bean is registered for each, injectable as {@code ObjectRepository<TheClass>}.
 *
 * <p>The JSON property {@code _id} of the mapped object is its id and {@code _rev} its revision, e.g.
 * {@code record Profile(@JsonProperty("_id") String id, @JsonProperty("_rev") String rev, String email)}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface StoredObject {

    /**
     * The collection (sub-directory of {@code multiprocess.store.path}) holding the objects. Default: the class's
     * simple name with a lower-case first letter, e.g. {@code profile} for {@code Profile}.
     *
     * @return the collection name, or empty for the default
     */
    String collection() default "";

    /**
     * What the application does with the collection's conflicts (see {@link ConflictPolicy}). The property
     * {@code multiprocess.store.collections.<collection>.conflicts} wins over it when set.
     *
     * @return the collection's conflict policy; {@link ConflictPolicy#REPORT} by default
     */
    ConflictPolicy conflicts() default ConflictPolicy.REPORT;
}
