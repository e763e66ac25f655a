package io.github.multiprocessstore.test.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/** Each context gets its own temporary store directory, deleted when the context closes. */
class TemporaryStoreLifecycleTests {

    @AutoConfigureMultiprocessStore
    static class Annotated {}

    static class NotAnnotated {}

    private final TemporaryStoreContextCustomizerFactory factory = new TemporaryStoreContextCustomizerFactory();

    @Test
    void eachContextGetsItsOwnDirectoryDeletedOnClose() throws Exception {
        ContextCustomizer customizer = factory.createContextCustomizer(Annotated.class, List.of());
        assertThat(customizer).isNotNull();

        Path first;
        Path second;
        try (GenericApplicationContext one = new GenericApplicationContext();
                GenericApplicationContext two = new GenericApplicationContext()) {
            customizer.customizeContext(one, (MergedContextConfiguration) null);
            customizer.customizeContext(two, (MergedContextConfiguration) null);
            one.refresh();
            two.refresh();
            first = Path.of(one.getEnvironment().getRequiredProperty("multiprocess.store.path"));
            second = Path.of(two.getEnvironment().getRequiredProperty("multiprocess.store.path"));
            Files.writeString(first.resolve("file"), "x");

            assertThat(first).isDirectory().isNotEqualTo(second);
            assertThat(one.getEnvironment().getProperty("multiprocess.store.durable"))
                    .isEqualTo("false");
        }
        assertThat(first).doesNotExist();
        assertThat(second).doesNotExist();
    }

    @Test
    void equalSettingsShareTheCachedContext() {
        assertThat(factory.createContextCustomizer(Annotated.class, List.of()))
                .isEqualTo(factory.createContextCustomizer(Annotated.class, List.of()));
        assertThat(factory.createContextCustomizer(NotAnnotated.class, List.of()))
                .isNull();
    }
}
