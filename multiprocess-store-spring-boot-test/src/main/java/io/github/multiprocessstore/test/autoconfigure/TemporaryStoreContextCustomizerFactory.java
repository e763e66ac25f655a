package io.github.multiprocessstore.test.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Points the store of every context of a test annotated with {@link AutoConfigureMultiprocessStore} at a new
 * temporary directory, deleted when the context closes. Registered in {@code META-INF/spring.factories}.
 */
final class TemporaryStoreContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public @Nullable ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        AutoConfigureMultiprocessStore annotation =
                TestContextAnnotationUtils.findMergedAnnotation(testClass, AutoConfigureMultiprocessStore.class);
        return annotation == null ? null : new TemporaryStoreContextCustomizer(annotation.durable());
    }

    /** Equal for equal settings, so that Spring's context cache shares a context (and its store) between classes. */
    private record TemporaryStoreContextCustomizer(boolean durable) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            Path directory = createDirectory();
            // First, so the temporary store wins over the application's own 'multiprocess.store.path'.
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "multiprocessStoreTest",
                            Map.of(
                                    "multiprocess.store.path", directory.toString(),
                                    "multiprocess.store.durable", Boolean.toString(durable))));
            context.addApplicationListener((ApplicationListener<ContextClosedEvent>) closed -> {
                if (closed.getApplicationContext() == context) {
                    StoreFiles.deleteRecursively(directory);
                }
            });
        }

        private static Path createDirectory() {
            try {
                return Files.createTempDirectory("multiprocess-store-test-");
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "Could not create the temporary store of @AutoConfigureMultiprocessStore in "
                                + System.getProperty("java.io.tmpdir") + "; check that it is writable",
                        e);
            }
        }
    }
}
