package io.github.multiprocessstore.autoconfigure.info;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.StoreFixtures;
import io.github.multiprocessstore.StoreRoot;
import io.github.multiprocessstore.autoconfigure.MultiprocessStoreAutoConfiguration;
import io.github.multiprocessstore.info.MultiprocessStoreInfoContributor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code /actuator/info} shows the store's root, its collections and the engine's version. */
class MultiprocessStoreInfoContributorAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    MultiprocessStoreAutoConfiguration.class, MultiprocessStoreInfoContributorAutoConfiguration.class));

    @TempDir
    Path store;

    @Test
    void infoShowsRootCollectionsAndVersion() {
        StoreRoot before = StoreRoot.open(store, builder -> builder.durable(false));
        StoreFixtures.createObject(before.collection("notes"), "n");
        StoreFixtures.createObject(before.collection("profiles"), "p");

        contextRunner.withPropertyValues("multiprocess.store.path=" + store).run(context -> {
            Info.Builder builder = new Info.Builder();
            context.getBean(MultiprocessStoreInfoContributor.class).contribute(builder);

            @SuppressWarnings("unchecked")
            Map<String, Object> details =
                    (Map<String, Object>) builder.build().getDetails().get("multiprocessStore");
            assertThat(details).containsEntry("root", store.toString());
            assertThat(details).containsEntry("collections", List.of("notes", "profiles"));
            // The build's own version, never the fallback.
            assertThat(details.get("version")).asString().matches("\\d+\\.\\d+\\.\\d+.*");
        });
    }

    @Test
    void runWhenTheContributorIsDisabledShouldBackOff() {
        contextRunner
                .withPropertyValues(
                        "multiprocess.store.path=" + store, "management.info.multiprocessstore.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(MultiprocessStoreInfoContributor.class));
    }
}
