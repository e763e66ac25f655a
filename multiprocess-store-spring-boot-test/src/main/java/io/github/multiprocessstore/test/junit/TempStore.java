package io.github.multiprocessstore.test.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Injects a fresh store in a new temporary directory into a test method or constructor parameter of type
 * {@code ObjectStore} or {@code StoreRoot}, for users of the core without Spring:
 *
 * <pre>{@code
 * @Test
 * void createdObjectsAreFound(@TempStore ObjectStore store) {
 *     store.createObject(JsonNodeFactory.instance.objectNode().put("_id", "a"));
 *     assertThat(store.findObject("a")).isPresent();
 * }
 * }</pre>
 *
 * Each parameter gets its own directory, deleted after the test (or after the class, for a constructor
 * parameter). Writes are not fsynced unless {@link #durable()} says so.
 */
@Target({ElementType.PARAMETER, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(TempStoreExtension.class)
public @interface TempStore {

    /**
     * Whether writes are fsynced (a test store rarely needs to survive a power loss).
     *
     * @return the store's durability
     */
    boolean durable() default false;
}
