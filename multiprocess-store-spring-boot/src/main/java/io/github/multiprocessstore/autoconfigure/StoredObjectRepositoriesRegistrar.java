package io.github.multiprocessstore.autoconfigure;

import io.github.multiprocessstore.repository.ObjectRepository;
import io.github.multiprocessstore.repository.ObjectRepositoryFactory;
import io.github.multiprocessstore.repository.StoredObject;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.ResolvableType;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.data.repository.config.RepositoryConfiguration;
import org.springframework.data.repository.core.support.AbstractRepositoryMetadata;
import org.springframework.data.repository.core.support.RepositoryFactoryBeanSupport;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Registers one {@code ObjectRepository<T>} bean per {@link StoredObject} class found in the application's
 * packages (those of {@code @SpringBootApplication}, as for JPA entities). Each definition carries its generic
 * type, so {@code @Autowired ObjectRepository<Profile>} resolves by type argument. A type for which the application
 * already defines an {@code ObjectRepository<T>} bean is skipped.
 */
final class StoredObjectRepositoriesRegistrar extends ApplicationPackagesRegistrar {

    @Override
    public void registerBeanDefinitions(AnnotationMetadata importingClassMetadata, BeanDefinitionRegistry registry) {
        if (!AutoConfigurationPackages.has(beanFactory)) {
            return;
        }
        ClassLoader classLoader = resourceLoader.getClassLoader();
        Set<Class<?>> declared = declaredRepositoryTypes(registry, classLoader);
        for (String className : findStoredObjectClasses()) {
            Class<?> type = ClassUtils.resolveClassName(className, classLoader);
            if (!declared.contains(type)) {
                register(registry, type);
            }
        }
    }

    /** The stored types of the repository interfaces Spring Data has registered. */
    private static Set<Class<?>> declaredRepositoryTypes(BeanDefinitionRegistry registry, ClassLoader classLoader) {
        Set<Class<?>> types = new HashSet<>();
        for (String name : registry.getBeanDefinitionNames()) {
            BeanDefinition definition = registry.getBeanDefinition(name);
            if (!(definition.getAttribute(RepositoryConfiguration.class.getName())
                    instanceof RepositoryConfiguration<?> configuration)) {
                continue;
            }
            String factoryBean = definition.getBeanClassName();
            if (factoryBean == null
                    || !RepositoryFactoryBeanSupport.class.isAssignableFrom(
                            ClassUtils.resolveClassName(factoryBean, classLoader))) {
                continue;
            }
            Class<?> repositoryInterface =
                    ClassUtils.resolveClassName(configuration.getRepositoryInterface(), classLoader);
            if (ObjectRepository.class.isAssignableFrom(repositoryInterface)) {
                types.add(AbstractRepositoryMetadata.getMetadata(repositoryInterface)
                        .getDomainType());
            }
        }
        return types;
    }

    private Set<String> findStoredObjectClasses() {
        ClassPathScanningCandidateComponentProvider scanner =
                new ClassPathScanningCandidateComponentProvider(false, environment) {
                    @Override
                    protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                        // Records, abstract classes and interfaces (with Jackson polymorphism) can all be stored.
                        return definition.getMetadata().isIndependent();
                    }
                };
        scanner.setResourceLoader(resourceLoader);
        scanner.addIncludeFilter(new AnnotationTypeFilter(StoredObject.class));
        Set<String> classNames = new TreeSet<>();
        for (String basePackage : AutoConfigurationPackages.get(beanFactory)) {
            for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
                classNames.add(candidate.getBeanClassName());
            }
        }
        return classNames;
    }

    private void register(BeanDefinitionRegistry registry, Class<?> type) {
        ResolvableType repositoryType = ResolvableType.forClassWithGenerics(ObjectRepository.class, type);
        if (beanFactory instanceof ListableBeanFactory listable
                && listable.getBeanNamesForType(repositoryType, true, false).length > 0) {
            return;
        }
        RootBeanDefinition definition = new RootBeanDefinition(StoredObjectRepositoryFactoryBean.class);
        definition.getConstructorArgumentValues().addIndexedArgumentValue(0, type);
        // Without the generic target type every repository bean is a raw ObjectRepository and injection by type
        // argument finds several candidates. No instance supplier: AOT processing rejects those.
        definition.setTargetType(
                ResolvableType.forClassWithGenerics(StoredObjectRepositoryFactoryBean.class, repositoryType));
        definition.setDescription("ObjectRepository<" + type.getName() + "> of collection '"
                + ObjectRepositoryFactory.collectionName(type) + "' (@StoredObject)");
        registry.registerBeanDefinition(beanName(registry, type), definition);
    }

    private static String beanName(BeanDefinitionRegistry registry, Class<?> type) {
        String name = StringUtils.uncapitalize(type.getSimpleName()) + "ObjectRepository";
        return registry.containsBeanDefinition(name) ? type.getName() + "ObjectRepository" : name;
    }
}
