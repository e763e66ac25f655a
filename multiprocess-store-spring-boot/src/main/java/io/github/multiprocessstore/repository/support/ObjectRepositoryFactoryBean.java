package io.github.multiprocessstore.repository.support;

import io.github.multiprocessstore.repository.ObjectRepositoryFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.core.support.RepositoryFactoryBeanSupport;
import org.springframework.data.repository.core.support.RepositoryFactorySupport;
import org.springframework.util.Assert;

/**
 * Creates the bean of one declared repository interface (e.g. {@code interface ProfileRepository extends
 * ObjectRepository<Profile>}) with a factory configured like the application's {@link ObjectRepositoryFactory}
 * bean. Registered by {@code @EnableMultiprocessStoreRepositories} (or the auto-configuration) for every such
 * interface.
 *
 * @param <T> the repository interface
 * @param <S> the stored type
 */
public class ObjectRepositoryFactoryBean<T extends Repository<S, String>, S>
        extends RepositoryFactoryBeanSupport<T, S, String> {

    private @Nullable ObjectRepositoryFactory repositoryFactory;

    /**
     * @param repositoryInterface the interface to implement
     */
    public ObjectRepositoryFactoryBean(Class<? extends T> repositoryInterface) {
        super(repositoryInterface);
    }

    /**
     * The application's factory, whose store, mapping and options the repository shares.
     *
     * @param repositoryFactory the factory bean
     */
    public void setRepositoryFactory(ObjectRepositoryFactory repositoryFactory) {
        this.repositoryFactory = repositoryFactory;
    }

    /**
     * Not passed on: the repositories publish {@code @DomainEvents} themselves (through the factory's options), so
     * that repositories with and without a declared interface publish them alike, and only once.
     */
    @Override
    public void setApplicationEventPublisher(ApplicationEventPublisher publisher) {
        // Deliberately not calling super: see the javadoc.
    }

    @Override
    protected RepositoryFactorySupport createRepositoryFactory() {
        Assert.state(repositoryFactory != null, "The ObjectRepositoryFactory bean must be set (repositoryFactory)");
        return new ObjectRepositoryFactory(repositoryFactory);
    }
}
