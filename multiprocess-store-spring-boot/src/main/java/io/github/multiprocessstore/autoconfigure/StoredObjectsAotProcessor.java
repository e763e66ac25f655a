package io.github.multiprocessstore.autoconfigure;

import io.github.multiprocessstore.repository.ObjectRepository;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.ConstructorArgumentValues;
import org.springframework.data.repository.config.RepositoryConfiguration;
import org.springframework.data.repository.core.support.AbstractRepositoryMetadata;
import org.springframework.util.ClassUtils;

/**
 * Ships the runtime hints that the stored types need in an AOT-processed application (a native image above all):
 * Jackson binds them by reflection, so every {@code @StoredObject} type with a repository bean, declared or not,
 * gets binding hints for itself and the types it holds, and reflection on its fields and methods for Spring
 * Data's auditing and mapping.
 */
final class StoredObjectsAotProcessor implements BeanFactoryInitializationAotProcessor {

    @Override
    public @Nullable BeanFactoryInitializationAotContribution processAheadOfTime(
            ConfigurableListableBeanFactory beanFactory) {
        Set<Class<?>> types = storedTypes(beanFactory);
        if (types.isEmpty()) {
            return null;
        }
        return (generationContext, code) -> {
            BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();
            for (Class<?> type : types) {
                bindings.registerReflectionHints(
                        generationContext.getRuntimeHints().reflection(), type);
                generationContext
                        .getRuntimeHints()
                        .reflection()
                        .registerType(
                                type,
                                MemberCategory.ACCESS_DECLARED_FIELDS,
                                MemberCategory.INVOKE_DECLARED_METHODS,
                                MemberCategory.INVOKE_DECLARED_CONSTRUCTORS);
            }
        };
    }

    /** The types of the zero-config repositories and of the declared ones. */
    static Set<Class<?>> storedTypes(ConfigurableListableBeanFactory beanFactory) {
        Set<Class<?>> types = new LinkedHashSet<>();
        ClassLoader classLoader = beanFactory.getBeanClassLoader();
        for (String name : beanFactory.getBeanDefinitionNames()) {
            BeanDefinition definition = beanFactory.getBeanDefinition(name);
            if (StoredObjectRepositoryFactoryBean.class.getName().equals(definition.getBeanClassName())) {
                ConstructorArgumentValues.ValueHolder type =
                        definition.getConstructorArgumentValues().getIndexedArgumentValue(0, Class.class);
                if (type != null && type.getValue() instanceof Class<?> storedType) {
                    types.add(storedType);
                }
            } else if (definition.getAttribute(RepositoryConfiguration.class.getName())
                    instanceof RepositoryConfiguration<?> configuration) {
                Class<?> repository = ClassUtils.resolveClassName(configuration.getRepositoryInterface(), classLoader);
                if (ObjectRepository.class.isAssignableFrom(repository)) {
                    types.add(AbstractRepositoryMetadata.getMetadata(repository).getDomainType());
                }
            }
        }
        return types;
    }
}
