package io.github.multiprocessstore.test.junit;

import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.StoreRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link TempStore} parameters: an {@link ObjectStore} or a {@link StoreRoot} in a new temporary directory,
 * deleted when the test's extension context closes. Registered by the annotation itself.
 */
public final class TempStoreExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(TempStoreExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        return parameter.isAnnotated(TempStore.class) && (type == ObjectStore.class || type == StoreRoot.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        boolean durable = parameter
                .findAnnotation(TempStore.class)
                .map(TempStore::durable)
                .orElse(false);
        Path directory = createDirectory();
        // Closed with the extension context: after the test method, or after the class for constructor parameters.
        extension.getStore(NAMESPACE).put(directory, (AutoCloseable) () -> deleteRecursively(directory));
        if (parameter.getParameter().getType() == StoreRoot.class) {
            return StoreRoot.open(directory, builder -> builder.durable(durable));
        }
        return ObjectStore.builder(directory).durable(durable).build();
    }

    private static Path createDirectory() {
        try {
            return Files.createTempDirectory("multiprocess-store-test-");
        } catch (IOException e) {
            throw new ParameterResolutionException(
                    "Could not create a @TempStore directory in " + System.getProperty("java.io.tmpdir"), e);
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete the @TempStore directory " + directory, e);
        }
    }
}
