package io.github.multiprocessstore.benchmarks.query;

import io.github.multiprocessstore.repository.ObjectRepository;
import java.util.List;

/** The indexed queries measured; the sorted page is {@code findAll(Pageable)}. */
public interface IndexedCustomerRepository extends ObjectRepository<IndexedCustomer> {

    /** E: an equality on the indexed, unique email. */
    List<IndexedCustomer> findByEmail(String email);
}
