package io.github.multiprocessstore.autoconfigure;

import io.github.multiprocessstore.repository.config.EnableMultiprocessStoreRepositories;
import io.github.multiprocessstore.repository.config.MultiprocessStoreRepositoryConfigurationExtension;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanNameGenerator;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.data.repository.config.AnnotationRepositoryConfigurationSource;
import org.springframework.data.repository.config.BootstrapMode;
import org.springframework.data.repository.config.RepositoryConfigurationDelegate;
import org.springframework.data.repository.config.RepositoryConfigurationExtension;
import org.springframework.data.repository.config.RepositoryConfigurationUtils;
import org.springframework.data.util.Streamable;

/**
 * Does what {@link EnableMultiprocessStoreRepositories} does, for the application's packages (those of
 * {@code @SpringBootApplication}, as Boot's Spring Data auto-configurations do): every interface there that extends
 * {@code ObjectRepository<T>} becomes a bean.
 */
final class DeclaredRepositoriesRegistrar extends ApplicationPackagesRegistrar {

    @Override
    public void registerBeanDefinitions(
            AnnotationMetadata importingClassMetadata, BeanDefinitionRegistry registry, BeanNameGenerator generator) {
        if (!AutoConfigurationPackages.has(beanFactory)) {
            return;
        }
        AnnotationRepositoryConfigurationSource source =
                new AnnotationRepositoryConfigurationSource(
                        AnnotationMetadata.introspect(DefaultSettings.class),
                        EnableMultiprocessStoreRepositories.class,
                        resourceLoader,
                        environment,
                        registry,
                        generator) {
                    @Override
                    public Streamable<String> getBasePackages() {
                        return Streamable.of(AutoConfigurationPackages.get(beanFactory));
                    }

                    @Override
                    public BootstrapMode getBootstrapMode() {
                        return BootstrapMode.DEFAULT;
                    }
                };
        RepositoryConfigurationExtension extension = new MultiprocessStoreRepositoryConfigurationExtension();
        RepositoryConfigurationUtils.exposeRegistration(extension, registry, source);
        new RepositoryConfigurationDelegate(source, resourceLoader, environment)
                .registerRepositoriesIn(registry, extension);
    }

    /** Carries the annotation's defaults. */
    @EnableMultiprocessStoreRepositories
    private static final class DefaultSettings {}
}
