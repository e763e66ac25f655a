package io.github.multiprocessstore.benchmarks.query;

import io.github.multiprocessstore.repository.ObjectRepository;
import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;

/** The queries measured. */
public interface CustomerRepository extends ObjectRepository<Customer> {

    /** Q1: a selective filter on two fields (about 1 % of the documents). */
    List<Customer> findByTierAndScoreGreaterThan(String tier, int score);

    /** Q2: a filter every document passes, sorted, first page of 20 with the total. */
    Page<Customer> findByAddressCity(String city, Pageable pageable);

    /** Q3: a count (a quarter of the documents). */
    long countByTier(String tier);
}
