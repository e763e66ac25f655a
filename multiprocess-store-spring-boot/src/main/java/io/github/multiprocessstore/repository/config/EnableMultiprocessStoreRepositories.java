package io.github.multiprocessstore.repository.config;

import io.github.multiprocessstore.repository.support.ObjectRepositoryFactoryBean;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.Import;
import org.springframework.data.repository.config.BootstrapMode;
import org.springframework.data.repository.config.DefaultRepositoryBaseClass;
import org.springframework.data.repository.query.QueryLookupStrategy;

/**
 * Finds the interfaces that extend {@code ObjectRepository<T>} in the given packages (by default the package of the
 * annotated class) and registers a bean implementing each, with its derived query methods. Spring Boot applies it
 * to the application's packages by itself; put it on a configuration class to choose other packages, which turns
 * that off.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Import(MultiprocessStoreRepositoriesRegistrar.class)
public @interface EnableMultiprocessStoreRepositories {

    /** @return alias of {@link #basePackages()} */
    String[] value() default {};

    /** @return the packages to scan for repository interfaces */
    String[] basePackages() default {};

    /** @return classes whose packages are scanned */
    Class<?>[] basePackageClasses() default {};

    /** @return which interfaces to include, beyond those extending {@code ObjectRepository} */
    Filter[] includeFilters() default {};

    /** @return which interfaces to leave out */
    Filter[] excludeFilters() default {};

    /** @return the suffix of custom implementation fragments ({@code ProfileRepositoryImpl}) */
    String repositoryImplementationPostfix() default "Impl";

    /** @return where named queries would be read from (queries here are derived from method names) */
    String namedQueriesLocation() default "";

    /** @return how query methods are resolved: every one is derived from its name */
    QueryLookupStrategy.Key queryLookupStrategy() default QueryLookupStrategy.Key.CREATE_IF_NOT_FOUND;

    /** @return the factory bean of each repository */
    Class<?> repositoryFactoryBeanClass() default ObjectRepositoryFactoryBean.class;

    /** @return a custom base class of the repositories */
    Class<?> repositoryBaseClass() default DefaultRepositoryBaseClass.class;

    /** @return whether interfaces nested in other classes are repositories too */
    boolean considerNestedRepositories() default false;

    /** @return when the repositories are created */
    BootstrapMode bootstrapMode() default BootstrapMode.DEFAULT;

    /** @return the name of the {@code ObjectRepositoryFactory} bean whose store and mapping they use */
    String repositoryFactoryRef() default "objectRepositoryFactory";
}
