package io.github.multiprocessstore.repository.declared;

import io.github.multiprocessstore.repository.ObjectRepository;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Sort;

/** A declared repository: found in the application's package and implemented by the starter. */
public interface PersonRepository extends ObjectRepository<Person> {

    List<Person> findByEmail(String email);

    Optional<Person> findByName(String name);

    Person getByName(String name);

    List<Person> readByAgeGreaterThanEqualOrderByAgeDescNameAsc(int age);

    List<Person> findByAddressCity(String city);

    Page<Person> findByActiveTrue(Pageable pageable);

    Slice<Person> findByAgeLessThan(int age, Pageable pageable);

    List<Person> findTop2ByOrderByAgeDesc();

    Optional<Person> findFirstByNameStartingWithIgnoreCase(String prefix, Sort sort);

    Stream<Person> streamByActiveFalse();

    long countByAddressCity(String city);

    boolean existsByEmail(String email);

    long deleteByAddressCity(String city);

    List<Person> removeByName(String name);

    List<Person> findByNameIn(Collection<String> names);

    List<Person> findByNameNotIn(Collection<String> names);

    List<Person> findByEmailIsNull();

    List<Person> queryByAgeBetween(int from, int to, Sort sort);

    List<Person> findByTagsContaining(String tag);

    List<Person> findByNameContainingIgnoreCase(String part, Limit limit);

    List<Person> findDistinctByAddressCity(String city);

    List<Person> findByNameEndingWithOrAgeLessThanEqual(String suffix, int age);

    List<Person> findByNameNotAndActiveFalse(String name);

    List<Person> findByIdIn(List<String> ids);
}
