package io.github.multiprocessstore.autoconfigure;

import io.github.multiprocessstore.repository.ObjectRepository;
import io.github.multiprocessstore.repository.ObjectRepositoryFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.util.Assert;

/**
 * The {@code ObjectRepository<T>} bean of a {@code @StoredObject} type without a declared repository interface,
 * created by the {@link ObjectRepositoryFactory} bean. A factory bean with a constructor argument rather than an
 * instance supplier, so that Spring's AOT processing can write its definition as code.
 *
 * <p>The repository type is the first type parameter, where Spring's generic autowiring looks for the object type of
 * a factory bean: the definition's target type {@code StoredObjectRepositoryFactoryBean<ObjectRepository<T>>} makes
 * the bean injectable as {@code ObjectRepository<T>}.
 *
 * @param <R> the repository type, {@code ObjectRepository<T>}
 */
final class StoredObjectRepositoryFactoryBean<R extends ObjectRepository<?>>
        implements FactoryBean<R>, BeanFactoryAware {

    private final Class<?> type;
    private @Nullable BeanFactory beanFactory;

    StoredObjectRepositoryFactoryBean(Class<?> type) {
        this.type = type;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    @SuppressWarnings("unchecked")
    public R getObject() {
        Assert.state(beanFactory != null, "No bean factory");
        return (R) beanFactory.getBean(ObjectRepositoryFactory.class).create(type);
    }

    @Override
    public Class<?> getObjectType() {
        return ObjectRepository.class;
    }
}
