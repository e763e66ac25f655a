package io.github.multiprocessstore.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.multiprocessstore.autoconfigure.scan.ConstructorInjectedConsumer;
import io.github.multiprocessstore.autoconfigure.scan.Customer;
import io.github.multiprocessstore.autoconfigure.scan.FieldInjectedConsumer;
import io.github.multiprocessstore.autoconfigure.scan.Invoice;
import io.github.multiprocessstore.autoconfigure.scan.NotStored;
import io.github.multiprocessstore.autoconfigure.scan.ScanConfiguration;
import io.github.multiprocessstore.repository.ObjectRepository;
import io.github.multiprocessstore.repository.ObjectRepositoryFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import org.springframework.dao.InvalidDataAccessApiUsageException;

/** One {@code ObjectRepository<T>} bean per {@code @StoredObject} class, injectable by its type argument. */
class StoredObjectRepositoriesTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MultiprocessStoreAutoConfiguration.class));

    @TempDir
    Path temp;

    @Test
    void twoRepositoriesOfDifferentTypesAreInjectedSideBySideByFieldAndByConstructor() {
        contextRunner
                .withPropertyValues("multiprocess.store.path=" + temp)
                .withUserConfiguration(ScanConfiguration.class)
                .run(context -> {
                    FieldInjectedConsumer byField = context.getBean(FieldInjectedConsumer.class);
                    ConstructorInjectedConsumer byConstructor = context.getBean(ConstructorInjectedConsumer.class);
                    assertThat(byField.customers()).isSameAs(byConstructor.customers());
                    assertThat(byField.invoices()).isSameAs(byConstructor.invoices());
                    assertThat(byField.customers()).isNotSameAs(byField.invoices());

                    Customer customer = byField.customers().save(new Customer("c1", null, "Ada"));
                    Invoice invoice = byConstructor.invoices().save(new Invoice("i1", null, 4200));
                    assertThat(byConstructor.customers().findById("c1")).contains(customer);
                    assertThat(byField.invoices().findById("i1")).contains(invoice);
                });
    }

    @Test
    void eachRepositoryUsesTheCollectionOfItsAnnotationOrTheDefault() {
        contextRunner
                .withPropertyValues("multiprocess.store.path=" + temp)
                .withUserConfiguration(ScanConfiguration.class)
                .run(context -> {
                    FieldInjectedConsumer consumer = context.getBean(FieldInjectedConsumer.class);
                    consumer.customers().save(new Customer("c1", null, "Ada"));
                    consumer.invoices().save(new Invoice("i1", null, 4200));

                    assertThat(temp.resolve("customer").resolve("c1")).isDirectory();
                    assertThat(temp.resolve("invoices").resolve("i1")).isDirectory();
                });
    }

    @Test
    void repositoriesAreResolvableByGenericTypeAndOnlyForAnnotatedClasses() {
        contextRunner
                .withPropertyValues("multiprocess.store.path=" + temp)
                .withUserConfiguration(ScanConfiguration.class)
                .run(context -> {
                    assertThat(context.getBeanNamesForType(ObjectRepository.class))
                            .containsExactlyInAnyOrder("customerObjectRepository", "invoiceObjectRepository");
                    assertThat(context.getBeanProvider(repositoryOf(Invoice.class))
                                    .getIfUnique())
                            .isNotNull();
                    assertThat(context.getBeanProvider(repositoryOf(NotStored.class))
                                    .getIfAvailable())
                            .isNull();
                });
    }

    @Test
    void withoutAnAutoConfigurationPackageNoRepositoryIsRegistered() {
        contextRunner.withPropertyValues("multiprocess.store.path=" + temp).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(ObjectRepositoryFactory.class);
            assertThat(context.getBeanNamesForType(ObjectRepository.class)).isEmpty();
        });
    }

    @Test
    void aRepositoryTheApplicationDefinesMakesTheScannedOneBackOff() {
        contextRunner
                .withPropertyValues("multiprocess.store.path=" + temp)
                .withUserConfiguration(ScanConfiguration.class, OwnCustomerRepository.class)
                .run(context -> {
                    assertThat(context.getBeanNamesForType(repositoryOf(Customer.class)))
                            .containsExactly("ownCustomers");
                    assertThat(context.getBean(FieldInjectedConsumer.class).customers())
                            .isSameAs(context.getBean("ownCustomers"));
                    context.getBean(FieldInjectedConsumer.class).customers().save(new Customer("c1", null, "Ada"));
                    assertThat(temp.resolve("vip-customers").resolve("c1")).isDirectory();
                });
    }

    @Test
    void theFactoryCreatesRepositoriesForClassesOutsideTheScannedPackages() {
        contextRunner
                .withPropertyValues("multiprocess.store.path=" + temp)
                .withUserConfiguration(ScanConfiguration.class)
                .run(context -> {
                    ObjectRepository<Memo> memos =
                            context.getBean(ObjectRepositoryFactory.class).create(Memo.class);
                    ObjectRepository<Memo> archived =
                            context.getBean(ObjectRepositoryFactory.class).create(Memo.class, "archived-memos");

                    memos.save(new Memo("m1", null, "hello"));
                    archived.save(new Memo("m1", null, "old"));

                    assertThat(memos.findById("m1"))
                            .get()
                            .extracting(Memo::text)
                            .isEqualTo("hello");
                    assertThat(archived.findById("m1"))
                            .get()
                            .extracting(Memo::text)
                            .isEqualTo("old");
                    assertThat(temp.resolve("memo")).isDirectory();
                    assertThat(temp.resolve("archived-memos")).isDirectory();
                });
    }

    @Test
    void theFactoryRejectsACollectionNameThatIsNotAPlainName() {
        contextRunner
                .withPropertyValues("multiprocess.store.path=" + temp.resolve("store"))
                .run(context -> {
                    ObjectRepositoryFactory factory = context.getBean(ObjectRepositoryFactory.class);

                    assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
                            .isThrownBy(() -> factory.create(Memo.class, "../outside"))
                            .withMessageContaining("'../outside'")
                            .withMessageContaining(Memo.class.getName());
                    assertThat(temp.resolve("outside")).doesNotExist();
                });
    }

    private static ResolvableType repositoryOf(Class<?> type) {
        return ResolvableType.forClassWithGenerics(ObjectRepository.class, type);
    }

    /** An application's own repository of a scanned type, in another collection. */
    @Configuration(proxyBeanMethods = false)
    static class OwnCustomerRepository {

        @Bean
        ObjectRepository<Customer> ownCustomers(ObjectRepositoryFactory factory) {
            return factory.create(Customer.class, "vip-customers");
        }
    }

    /** Not annotated and outside the scanned package. */
    record Memo(
            @JsonProperty("_id") String id,
            @JsonProperty("_rev") String rev,
            String text) {}
}
