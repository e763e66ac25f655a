package io.github.multiprocessstore.repository.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;

/**
 * Turns on auditing of stored objects, as {@code @EnableJpaAuditing} does for JPA: on each repository save,
 * {@code @CreatedDate} and {@code @CreatedBy} are set when the object is inserted (it has no {@code _rev}),
 * {@code @LastModifiedDate} and {@code @LastModifiedBy} on every save. The auditor comes from an
 * {@code AuditorAware} bean.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Import(MultiprocessStoreAuditingRegistrar.class)
public @interface EnableMultiprocessStoreAuditing {

    /** The name of the auditing handler bean that the repositories use. */
    String AUDITING_HANDLER_BEAN_NAME = "multiprocessStoreAuditingHandler";

    /** @return the name of the {@code AuditorAware} bean, or empty to use the only one (if any) */
    String auditorAwareRef() default "";

    /** @return whether dates are set */
    boolean setDates() default true;

    /** @return whether an insert also sets the last-modified properties */
    boolean modifyOnCreate() default true;

    /** @return the name of a {@code DateTimeProvider} bean, or empty for the current time */
    String dateTimeProviderRef() default "";
}
