package io.github.multiprocessstore.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.repository.ObjectRepository;
import io.github.multiprocessstore.repository.aot.AotNoteRepository;
import io.github.multiprocessstore.repository.config.EnableMultiprocessStoreRepositories;
import io.github.multiprocessstore.repository.config.MultiprocessStoreRepositoryConfigurationExtension;
import io.github.multiprocessstore.repository.declared.Person;
import io.github.multiprocessstore.repository.declared.PersonRepository;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;

/**
 * Declared repository interfaces: implemented for the application's packages by the auto-configuration, which backs
 * off when the application uses {@code @EnableMultiprocessStoreRepositories} or turns it off.
 */
class DeclaredRepositoriesAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MultiprocessStoreAutoConfiguration.class));

    @TempDir
    Path temp;

    @Configuration(proxyBeanMethods = false)
    @AutoConfigurationPackage(basePackageClasses = Person.class)
    static class ApplicationPackage {}

    @Configuration(proxyBeanMethods = false)
    @EnableMultiprocessStoreRepositories(basePackageClasses = AotNoteRepository.class)
    static class EnabledElsewhere {}

    @Test
    void runShouldImplementTheRepositoriesOfTheApplicationsPackages() {
        contextRunner
                .withPropertyValues("multiprocess.store.path=" + temp)
                .withUserConfiguration(ApplicationPackage.class)
                .run(context -> {
                    assertThat(context).hasSingleBean(PersonRepository.class);
                    assertThat(context)
                            .hasSingleBean(MultiprocessStoreAutoConfiguration.DeclaredRepositoriesConfiguration.class);
                    assertThat(context
                                    .getBeanProvider(
                                            ResolvableType.forClassWithGenerics(ObjectRepository.class, Person.class))
                                    .stream())
                            .containsExactly(context.getBean(PersonRepository.class));
                    assertThat(context).doesNotHaveBean(AotNoteRepository.class);
                });
    }

    @Test
    void runWhenTheApplicationEnablesRepositoriesItselfShouldBackOff() {
        contextRunner
                .withPropertyValues("multiprocess.store.path=" + temp)
                .withUserConfiguration(ApplicationPackage.class, EnabledElsewhere.class)
                .run(context -> {
                    assertThat(context)
                            .doesNotHaveBean(
                                    MultiprocessStoreAutoConfiguration.DeclaredRepositoriesConfiguration.class);
                    assertThat(context).hasSingleBean(MultiprocessStoreRepositoryConfigurationExtension.class);
                    assertThat(context).hasSingleBean(AotNoteRepository.class);
                    assertThat(context).doesNotHaveBean(PersonRepository.class);
                    // Person has no declared repository now, so it gets the zero-config one.
                    assertThat(context
                                    .getBeanProvider(
                                            ResolvableType.forClassWithGenerics(ObjectRepository.class, Person.class))
                                    .stream())
                            .hasSize(1);
                });
    }

    @Test
    void runWhenRepositoriesAreDisabledShouldRegisterOnlyTheZeroConfigOnes() {
        contextRunner
                .withPropertyValues("multiprocess.store.path=" + temp, "multiprocess.store.repositories.enabled=false")
                .withUserConfiguration(ApplicationPackage.class)
                .run(context -> {
                    assertThat(context).doesNotHaveBean(PersonRepository.class);
                    assertThat(context
                                    .getBeanProvider(
                                            ResolvableType.forClassWithGenerics(ObjectRepository.class, Person.class))
                                    .stream())
                            .hasSize(1);
                });
    }
}
