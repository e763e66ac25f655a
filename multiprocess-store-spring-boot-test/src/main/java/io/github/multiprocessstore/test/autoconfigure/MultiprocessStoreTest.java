package io.github.multiprocessstore.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.autoconfigure.OverrideAutoConfiguration;
import org.springframework.boot.test.context.filter.annotation.TypeExcludeFilters;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.core.annotation.AliasFor;
import org.springframework.core.env.Environment;
import org.springframework.test.context.BootstrapWith;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A test slice for the store, like {@code @DataMongoTest}: starts only the store, the {@code ObjectRepository}
 * beans of the application's {@code @StoredObject} types, Jackson and the store's maintenance, with no web server,
 * actuator or other auto-configuration, and no {@code @Component} of the application unless included with
 * {@link #includeFilters()}. The store is a fresh temporary one, emptied before each test method
 * ({@link AutoConfigureMultiprocessStore}).
 *
 * <pre>{@code
 * @MultiprocessStoreTest
 * class ProfileRepositoryTests {
 *     @Autowired ObjectRepository<Profile> profiles;
 *
 *     @Test
 *     void savedProfilesAreFound() {
 *         profiles.save(new Profile("alice", null, "Alice"));
 *         assertThat(profiles.findById("alice")).isPresent();
 *     }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@BootstrapWith(MultiprocessStoreTestContextBootstrapper.class)
@ExtendWith(SpringExtension.class)
@OverrideAutoConfiguration(enabled = false)
@TypeExcludeFilters(MultiprocessStoreTypeExcludeFilter.class)
@AutoConfigureMultiprocessStore
@ImportAutoConfiguration
public @interface MultiprocessStoreTest {

    /**
     * Properties in the form {@literal key=value} added to the {@link Environment} before the test runs.
     *
     * @return the properties to add
     */
    String[] properties() default {};

    /**
     * Whether the default filters of the slice apply; turning them off scans every component (rarely wanted).
     *
     * @return whether default filters are used
     */
    boolean useDefaultFilters() default true;

    /**
     * Components of the application to add to the slice, e.g. a service that uses repositories.
     *
     * @return include filters to apply
     */
    Filter[] includeFilters() default {};

    /**
     * Components to leave out of the slice.
     *
     * @return exclude filters to apply
     */
    Filter[] excludeFilters() default {};

    /**
     * Auto-configuration to leave out of the slice.
     *
     * @return the auto-configuration classes to exclude
     */
    @AliasFor(annotation = ImportAutoConfiguration.class, attribute = "exclude")
    Class<?>[] excludeAutoConfiguration() default {};
}
