package io.github.multiprocessstore.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.ObjectStoreBuilder;
import io.github.multiprocessstore.StoreRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.annotation.Order;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** {@link ObjectStoreBuilderCustomizer} beans reach every core option without replacing the store bean. */
class ObjectStoreBuilderCustomizerTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MultiprocessStoreAutoConfiguration.class));

    @TempDir
    Path temp;

    @Test
    void customizersAreAppliedInOrderToEveryCollectionAfterTheProperties() {
        List<String> calls = new CopyOnWriteArrayList<>();
        contextRunner
                .withPropertyValues("multiprocess.store.path=" + temp, "multiprocess.store.durable=false")
                .withBean("second", ObjectStoreBuilderCustomizer.class, () -> new Second(calls))
                .withBean("first", ObjectStoreBuilderCustomizer.class, () -> new First(calls))
                .run(context -> {
                    StoreRoot root = context.getBean(StoreRoot.class);
                    root.collection("a");
                    root.collection("b");

                    assertThat(calls).containsExactly("first", "second", "first", "second");
                });
    }

    @Test
    void aCustomizerOverridesWhatThePropertiesSet() throws IOException {
        // history-limit=0 keeps every revision; the customizer's limit of 2 must win.
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + temp,
                        "multiprocess.store.durable=false",
                        "multiprocess.store.history-limit=0")
                .withBean(ObjectStoreBuilderCustomizer.class, () -> builder -> builder.historyLimit(2))
                .run(context -> {
                    ObjectStore notes = context.getBean(StoreRoot.class).collection("notes");
                    ObjectNode note = JsonNodeFactory.instance
                            .objectNode()
                            .put("_id", "n")
                            .put("v", 0);
                    notes.createObject(note);
                    for (int i = 1; i <= 6; i++) {
                        int value = i;
                        notes.updateObject("n", current -> current.put("v", value));
                    }

                    assertThat(revisionFiles(temp.resolve("notes").resolve("n")))
                            .hasSizeLessThanOrEqualTo(2);
                    assertThat(notes.getObject("n").get("v").asInt()).isEqualTo(6);
                });
    }

    private static List<Path> revisionFiles(Path object) throws IOException {
        try (Stream<Path> files = Files.list(object)) {
            return files.filter(file -> file.getFileName().toString().matches("\\d+-[0-9a-f]{32}"))
                    .toList();
        }
    }

    @Order(1)
    record First(List<String> calls) implements ObjectStoreBuilderCustomizer {
        @Override
        public void customize(ObjectStoreBuilder builder) {
            calls.add("first");
        }
    }

    @Order(2)
    record Second(List<String> calls) implements ObjectStoreBuilderCustomizer {
        @Override
        public void customize(ObjectStoreBuilder builder) {
            calls.add("second");
        }
    }
}
