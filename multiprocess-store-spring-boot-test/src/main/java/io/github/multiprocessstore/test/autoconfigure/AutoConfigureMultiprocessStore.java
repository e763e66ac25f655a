package io.github.multiprocessstore.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Gives a test's application context a fresh temporary store: {@code multiprocess.store.path} points to a new
 * directory per application context (overriding the application's own setting), writes are not fsynced (a test
 * needs no crash safety, and runs faster), and the directory is deleted when the context closes. Spring caches
 * contexts between test classes, so by default every object directory is removed before each test method: each test
 * starts with an empty store, with no {@code @DirtiesContext} and no data leaking between tests (collections stay
 * as empty directories).
 *
 * <p>Also imports the store's auto-configuration (and Jackson's and task scheduling's), so it can be added to any
 * test slice; {@link MultiprocessStoreTest @MultiprocessStoreTest} uses it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureMultiprocessStore {

    /**
     * Whether every object is removed from the store before each test method. Turn off to let the tests of a class
     * build on each other's data (then mind the order and the context cache).
     *
     * @return whether each test method starts with an empty store
     */
    boolean emptyBeforeEachTest() default true;

    /**
     * Whether writes are fsynced; off by default, since a test store need not survive a power loss.
     *
     * @return the value of {@code multiprocess.store.durable} in the test's context
     */
    boolean durable() default false;
}
