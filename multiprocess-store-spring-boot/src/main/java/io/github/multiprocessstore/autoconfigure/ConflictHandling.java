package io.github.multiprocessstore.autoconfigure;

import io.github.multiprocessstore.conflicts.ConflictPolicy;
import io.github.multiprocessstore.repository.ObjectRepositoryFactory;
import io.github.multiprocessstore.repository.StoredObject;
import io.github.multiprocessstore.resolution.ConflictPolicies;
import io.github.multiprocessstore.resolution.ConflictResolutions.TypedResolver;
import io.github.multiprocessstore.resolution.ConflictResolver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Builds what the conflict handling needs from the application: each collection's policy (the property
 * {@code multiprocess.store.collections.<name>.conflicts} over the {@code @StoredObject} attribute over
 * {@code report}) and its typed resolvers.
 */
final class ConflictHandling {

    private ConflictHandling() {}

    static ConflictPolicies policies(
            MultiprocessStoreProperties properties, BeanFactory beanFactory, Environment environment) {
        Map<String, ConflictPolicy> policies = new TreeMap<>();
        for (Class<?> type : storedObjectTypes(beanFactory, environment)) {
            ConflictPolicy declared = type.getAnnotation(StoredObject.class).conflicts();
            if (declared != ConflictPolicy.REPORT) {
                policies.put(ObjectRepositoryFactory.collectionName(type), declared);
            }
        }
        properties.getCollections().forEach((collection, settings) -> {
            if (settings.getConflicts() != null) {
                policies.put(collection, settings.getConflicts());
            }
        });
        return new ConflictPolicies(policies);
    }

    static Map<String, List<TypedResolver<?>>> resolvers(Stream<ConflictResolver<?>> beans) {
        Map<String, List<TypedResolver<?>>> byCollection = new LinkedHashMap<>();
        beans.forEach(resolver -> {
            TypedResolver<?> typed = typed(resolver);
            byCollection
                    .computeIfAbsent(ObjectRepositoryFactory.collectionName(typed.type()), c -> new ArrayList<>())
                    .add(typed);
        });
        return byCollection;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static TypedResolver<?> typed(ConflictResolver<?> resolver) {
        Class<?> type = ResolvableType.forClass(ConflictResolver.class, ClassUtils.getUserClass(resolver))
                .resolveGeneric(0);
        if (type == null || type == Object.class) {
            throw new IllegalStateException("Cannot tell which stored type the ConflictResolver "
                    + resolver.getClass().getName() + " merges: declare it as a class implementing "
                    + "ConflictResolver<YourStoredObject> (not a lambda or a raw type)");
        }
        return new TypedResolver(type, resolver);
    }

    private static List<Class<?>> storedObjectTypes(BeanFactory beanFactory, Environment environment) {
        if (!AutoConfigurationPackages.has(beanFactory)) {
            return List.of();
        }
        ClassPathScanningCandidateComponentProvider scanner =
                new ClassPathScanningCandidateComponentProvider(false, environment) {
                    @Override
                    protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                        return definition.getMetadata().isIndependent();
                    }
                };
        scanner.addIncludeFilter(new AnnotationTypeFilter(StoredObject.class));
        ClassLoader classLoader = ClassUtils.getDefaultClassLoader();
        List<Class<?>> types = new ArrayList<>();
        for (String basePackage : AutoConfigurationPackages.get(beanFactory)) {
            for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
                types.add(ClassUtils.resolveClassName(candidate.getBeanClassName(), classLoader));
            }
        }
        return types;
    }
}
