package io.github.multiprocessstore.repository.config;

import io.github.multiprocessstore.repository.ObjectRepository;
import io.github.multiprocessstore.repository.StoredObject;
import io.github.multiprocessstore.repository.support.ObjectRepositoryFactoryBean;
import java.lang.annotation.Annotation;
import java.util.Collection;
import java.util.List;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.data.repository.config.AnnotationRepositoryConfigurationSource;
import org.springframework.data.repository.config.RepositoryConfigurationExtensionSupport;

/**
 * This store's part of Spring Data's repository configuration: interfaces extending {@link ObjectRepository} (or
 * of {@link StoredObject} types) are its repositories, built by {@link ObjectRepositoryFactoryBean} with the
 * {@code ObjectRepositoryFactory} bean. Spring Boot's auto-configuration backs off when a bean of this type exists
 * (the annotation registers one).
 */
public class MultiprocessStoreRepositoryConfigurationExtension extends RepositoryConfigurationExtensionSupport {

    private static final String FACTORY_REF = "repositoryFactoryRef";
    private static final String DEFAULT_FACTORY = "objectRepositoryFactory";

    @Override
    public String getModuleName() {
        return "Multiprocess Store";
    }

    @Override
    protected String getModulePrefix() {
        return "multiprocess-store";
    }

    @Override
    public String getRepositoryFactoryBeanClassName() {
        return ObjectRepositoryFactoryBean.class.getName();
    }

    @Override
    protected Collection<Class<? extends Annotation>> getIdentifyingAnnotations() {
        return List.of(StoredObject.class);
    }

    @Override
    protected Collection<Class<?>> getIdentifyingTypes() {
        return List.of(ObjectRepository.class);
    }

    @Override
    public void postProcess(BeanDefinitionBuilder builder, AnnotationRepositoryConfigurationSource config) {
        String factory = config.getAttribute(FACTORY_REF).orElse(DEFAULT_FACTORY);
        builder.addPropertyReference("repositoryFactory", factory);
    }
}
