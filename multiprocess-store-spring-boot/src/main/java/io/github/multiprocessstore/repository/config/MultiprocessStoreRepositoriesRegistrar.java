package io.github.multiprocessstore.repository.config;

import java.lang.annotation.Annotation;
import org.springframework.data.repository.config.RepositoryBeanDefinitionRegistrarSupport;
import org.springframework.data.repository.config.RepositoryConfigurationExtension;

/** Registers the repositories that {@link EnableMultiprocessStoreRepositories} asks for. */
final class MultiprocessStoreRepositoriesRegistrar extends RepositoryBeanDefinitionRegistrarSupport {

    @Override
    protected Class<? extends Annotation> getAnnotation() {
        return EnableMultiprocessStoreRepositories.class;
    }

    @Override
    protected RepositoryConfigurationExtension getExtension() {
        return new MultiprocessStoreRepositoryConfigurationExtension();
    }
}
