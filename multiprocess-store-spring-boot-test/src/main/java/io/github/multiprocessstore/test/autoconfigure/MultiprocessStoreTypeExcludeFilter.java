package io.github.multiprocessstore.test.autoconfigure;

import org.springframework.boot.test.context.filter.annotation.StandardAnnotationCustomizableTypeExcludeFilter;

/**
 * Leaves every scanned component of the application out of a {@link MultiprocessStoreTest} slice, except those the
 * test includes: repositories are registered by the store's auto-configuration, not by scanning.
 */
final class MultiprocessStoreTypeExcludeFilter
        extends StandardAnnotationCustomizableTypeExcludeFilter<MultiprocessStoreTest> {

    MultiprocessStoreTypeExcludeFilter(Class<?> testClass) {
        super(testClass);
    }
}
