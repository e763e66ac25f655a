package io.github.multiprocessstore.test.autoconfigure;

import io.github.multiprocessstore.StoreRoot;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Empties the store before each test method of a class annotated with {@link AutoConfigureMultiprocessStore}
 * (unless {@code emptyBeforeEachTest = false}), so that tests sharing a cached context never see each other's data.
 * Registered in {@code META-INF/spring.factories}; runs before the application's own listeners that touch data.
 */
final class EmptyStoreTestExecutionListener extends AbstractTestExecutionListener {

    @Override
    public int getOrder() {
        // Before Spring's transactional and SQL-script listeners (1000 and more): data set up by them survives.
        return 900;
    }

    @Override
    public void beforeTestMethod(TestContext testContext) {
        AutoConfigureMultiprocessStore annotation = TestContextAnnotationUtils.findMergedAnnotation(
                testContext.getTestClass(), AutoConfigureMultiprocessStore.class);
        if (annotation == null || !annotation.emptyBeforeEachTest()) {
            return;
        }
        ApplicationContext context = testContext.getApplicationContext();
        context.getBeanProvider(StoreRoot.class).ifAvailable(root -> StoreFiles.emptyCollections(root.path()));
    }
}
