package io.github.multiprocessstore.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.StoreRoot;
import io.github.multiprocessstore.indexes.IndexedView;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link Indexed} on a property of a nested type indexes its path ({@code address.city}): derived queries on it and
 * pages sorted by it use that index and answer what a scan answers, objects without the nested object included.
 */
class NestedIndexTests {

    @TempDir
    Path directory;

    @StoredObject(collection = "customers")
    record Customer(
            @Id String id,
            @Version @Nullable String rev,
            String name,
            @Nullable Address address) {}

    record Address(@Indexed @Nullable String city, String street) {}

    interface CustomerRepository extends ObjectRepository<Customer> {

        List<Customer> findByAddressCity(String city);

        List<Customer> findByAddressCityIn(List<String> cities);
    }

    @Test
    void queriesAndPagesOnANestedIndexedPropertyUseItsIndex() {
        try (StoreRoot root = StoreRoot.open(directory, builder -> builder.durable(false))) {
            ObjectRepositoryFactory factory =
                    new ObjectRepositoryFactory(root, JsonMapper.builder().build());
            CustomerRepository customers = factory.getRepository(CustomerRepository.class);
            customers.saveAll(List.of(
                    new Customer("c1", null, "Ann", new Address("Rome", "Via Appia")),
                    new Customer("c2", null, "Bob", new Address("Oslo", "Karl Johans gate")),
                    new Customer("c3", null, "Cid", null),
                    new Customer("c4", null, "Dee", new Address("Paris", "Rue de Rivoli")),
                    new Customer("c5", null, "Eve", new Address(null, "Nowhere")),
                    new Customer("c6", null, "Fay", new Address("Oslo", "Storgata"))));

            @SuppressWarnings("unchecked")
            DefaultObjectRepository<Customer> repository =
                    (DefaultObjectRepository<Customer>) factory.create(Customer.class);
            IndexedView view = repository.indexes().orElseThrow().current().orElseThrow();
            assertThat(view.window("address.city", false, 0, 10))
                    .as("the nested property's index")
                    .hasSize(6);

            assertThat(customers.findByAddressCity("Oslo"))
                    .extracting(Customer::id)
                    .containsExactly("c2", "c6");
            assertThat(customers.findByAddressCityIn(List.of("Rome", "Paris")))
                    .extracting(Customer::id)
                    .containsExactlyInAnyOrder("c1", "c4");
            // The index walk against a scan (ignoreCase is never walked; these cities sort alike either way).
            for (Sort.Direction direction : Sort.Direction.values()) {
                List<String> walked = customers
                        .findAll(PageRequest.of(0, 4, Sort.by(direction, "address.city")))
                        .map(Customer::id)
                        .toList();
                List<String> scanned = customers
                        .findAll(PageRequest.of(0, 4, Sort.by(new Sort.Order(direction, "address.city").ignoreCase())))
                        .map(Customer::id)
                        .toList();
                assertThat(walked).as("page sorted %s", direction).isEqualTo(scanned);
            }
        }
    }
}
