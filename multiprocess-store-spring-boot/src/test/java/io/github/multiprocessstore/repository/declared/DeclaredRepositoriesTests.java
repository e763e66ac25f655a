package io.github.multiprocessstore.repository.declared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.multiprocessstore.StoreRoot;
import io.github.multiprocessstore.repository.ObjectRepository;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ResolvableType;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Example;
import org.springframework.data.domain.ExampleMatcher;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Sort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Declared repository interfaces in a {@code @SpringBootTest}: found in the application's package without an
 * annotation, injected, their derived queries, paging, Query by Example, auditing and domain events working.
 */
@SpringBootTest(classes = DeclaredRepositoryApplication.class)
@DirtiesContext
class DeclaredRepositoriesTests {

    @TempDir
    static Path storePath;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("multiprocess.store.path", () -> storePath.toString());
    }

    @Autowired
    PersonRepository people;

    @Autowired
    ObjectRepository<Person> peopleByGenericType;

    @Autowired
    ObjectRepository<Memo> memos;

    @Autowired
    LedgerRepository ledgers;

    @Autowired
    DeclaredRepositoryApplication.CreditLog creditLog;

    @Autowired
    ApplicationContext context;

    @Autowired
    StoreRoot root;

    @BeforeEach
    void someone() {
        people.deleteAll();
        ledgers.deleteAll();
        people.saveAll(List.of(
                person("ada", "Ada", "ada@example.com", 36, true, "London", "math", "code"),
                person("bob", "Bob", "bob@example.com", 25, false, "Paris", "art"),
                person("cy", "Cy", null, 52, true, "London"),
                person("dee", "Dee", "dee@example.com", 19, true, "Rome", "code"),
                person("eve", "Eve", "eve@example.com", 25, false, "Paris")));
    }

    private static Person person(
            String id, String name, String email, int age, boolean active, String city, String... tags) {
        return new Person(id, null, name, email, age, active, new Address(city, "0000"), List.of(tags));
    }

    @Test
    void theDeclaredRepositoryIsTheOnlyCandidateForItsType() {
        assertThat(peopleByGenericType).isSameAs(people);
        assertThat(
                        context
                                .getBeanProvider(
                                        ResolvableType.forClassWithGenerics(ObjectRepository.class, Person.class))
                                .stream())
                .hasSize(1);
        assertThat(memos.save(new Memo("m1", null, "hello")).rev()).isNotNull();
    }

    @Test
    void idAndVersionAnnotationsMapToTheStoresIdAndRevision() {
        Person ada = people.findById("ada").orElseThrow();
        assertThat(ada.rev()).matches("\\d+-[0-9a-f]{32}");
        JsonNode stored = root.collection("people").getObject("ada");
        assertThat(stored.path("_id").asString()).isEqualTo("ada");
        assertThat(stored.path("_rev").asString()).isEqualTo(ada.rev());
        assertThat(stored.path("name").asString()).as(stored.toString()).isEqualTo("Ada");
        assertThat(stored.has("id")).isFalse();
        assertThat(stored.has("rev")).isFalse();
        Person renamed = people.save(ada.withName("Ada L."));
        assertThat(renamed.rev()).startsWith((Integer.parseInt(ada.rev().split("-")[0]) + 1) + "-");
        assertThatThrownBy(() -> people.save(ada)).isInstanceOf(OptimisticLockingFailureException.class);
    }

    @Test
    void derivedQueriesFilterOrderAndShapeResults() {
        assertThat(people.findByEmail("bob@example.com")).extracting(Person::id).containsExactly("bob");
        assertThat(people.findByName("Cy")).map(Person::age).contains(52);
        assertThat(people.findByName("Nobody")).isEmpty();
        assertThat(people.getByName("Dee").id()).isEqualTo("dee");
        assertThat(people.readByAgeGreaterThanEqualOrderByAgeDescNameAsc(25))
                .extracting(Person::id)
                .containsExactly("cy", "ada", "bob", "eve");
        assertThat(people.findByAddressCity("London")).extracting(Person::id).containsExactly("ada", "cy");
        assertThat(people.findTop2ByOrderByAgeDesc()).extracting(Person::id).containsExactly("cy", "ada");
        assertThat(people.findFirstByNameStartingWithIgnoreCase("e", Sort.by("age")))
                .map(Person::id)
                .contains("eve");
        try (Stream<Person> inactive = people.streamByActiveFalse()) {
            assertThat(inactive.map(Person::id)).containsExactlyInAnyOrder("bob", "eve");
        }
        assertThat(people.countByAddressCity("Paris")).isEqualTo(2);
        assertThat(people.existsByEmail("dee@example.com")).isTrue();
        assertThat(people.existsByEmail("zed@example.com")).isFalse();
        assertThat(people.findByNameIn(Set.of("Ada", "Eve", "Zed")))
                .extracting(Person::id)
                .containsExactly("ada", "eve");
        assertThat(people.findByNameNotIn(List.of("Ada", "Eve")))
                .extracting(Person::id)
                .containsExactly("bob", "cy", "dee");
        assertThat(people.findByEmailIsNull()).extracting(Person::id).containsExactly("cy");
        assertThat(people.queryByAgeBetween(19, 36, Sort.by(Sort.Order.desc("name"))))
                .extracting(Person::id)
                .containsExactly("eve", "dee", "bob", "ada");
        assertThat(people.findByTagsContaining("code")).extracting(Person::id).containsExactly("ada", "dee");
        assertThat(people.findByNameContainingIgnoreCase("E", Limit.of(1)))
                .extracting(Person::id)
                .containsExactly("dee");
        assertThat(people.findDistinctByAddressCity("Rome"))
                .extracting(Person::id)
                .containsExactly("dee");
        assertThat(people.findByNameEndingWithOrAgeLessThanEqual("y", 19))
                .extracting(Person::id)
                .containsExactly("cy", "dee");
        assertThat(people.findByNameNotAndActiveFalse("Bob"))
                .extracting(Person::id)
                .containsExactly("eve");
        assertThat(people.findByIdIn(List.of("eve", "ada")))
                .extracting(Person::id)
                .containsExactly("ada", "eve");
    }

    @Test
    void aSingleResultQueryMatchingSeveralObjectsFails() {
        people.save(person("ada2", "Ada", "ada2@example.com", 40, true, "Oslo"));

        assertThatThrownBy(() -> people.findByName("Ada")).isInstanceOf(IncorrectResultSizeDataAccessException.class);
    }

    @Test
    void pagesAndSlicesCountAndOrder() {
        Page<Person> first = people.findByActiveTrue(PageRequest.of(0, 2, Sort.by("age")));
        assertThat(first.getContent()).extracting(Person::id).containsExactly("dee", "ada");
        assertThat(first.getTotalElements()).isEqualTo(3);
        assertThat(first.getTotalPages()).isEqualTo(2);
        Page<Person> second = people.findByActiveTrue(first.nextPageable());
        assertThat(second.getContent()).extracting(Person::id).containsExactly("cy");

        Slice<Person> slice = people.findByAgeLessThan(40, PageRequest.of(0, 3, Sort.by(Sort.Order.desc("age"))));
        assertThat(slice.getContent()).extracting(Person::id).containsExactly("ada", "bob", "eve");
        assertThat(slice.hasNext()).isTrue();

        Page<Person> all = people.findAll(PageRequest.of(1, 2, Sort.by("address.city", "_id")));
        assertThat(all.getContent()).extracting(Person::id).containsExactly("bob", "eve");
        assertThat(all.getTotalElements()).isEqualTo(5);
        assertThat(people.findAll(Sort.by(Sort.Order.desc("name"))))
                .extracting(Person::id)
                .containsExactly("eve", "dee", "cy", "bob", "ada");
        assertThatThrownBy(() -> people.findAll(Sort.by("nickname")))
                .isInstanceOf(InvalidDataAccessApiUsageException.class)
                .hasMessageContaining("nickname");
    }

    @Test
    void derivedDeletesRemoveWhatMatches() {
        assertThat(people.deleteByAddressCity("Paris")).isEqualTo(2);
        assertThat(people.removeByName("Cy")).extracting(Person::id).containsExactly("cy");
        assertThat(people.findAll()).extracting(Person::id).containsExactly("ada", "dee");
    }

    @Test
    void crudContract() {
        assertThat(people.findAllById(List.of("eve", "nobody", "ada")))
                .extracting(Person::id)
                .containsExactly("eve", "ada");
        people.deleteAllById(List.of("bob", "nobody"));
        assertThat(people.existsById("bob")).isFalse();
        Person ada = people.findById("ada").orElseThrow();
        people.deleteAll(List.of(ada, people.findById("cy").orElseThrow()));
        assertThat(people.count()).isEqualTo(2);
        assertThatThrownBy(() -> people.delete(ada)).isInstanceOf(OptimisticLockingFailureException.class);
        people.delete(new Person("nobody", null, "N", null, 1, true, null, List.of()));
    }

    @Test
    void queryByExample() {
        Person probe = new Person(null, null, null, null, 25, false, null, null);
        assertThat(people.findAll(Example.of(probe))).extracting(Person::id).containsExactly("bob", "eve");
        assertThat(people.count(Example.of(probe))).isEqualTo(2);

        Person byCity = new Person(null, null, "a", null, 36, true, new Address("LONDON", null), null);
        ExampleMatcher matcher = ExampleMatcher.matching()
                .withIgnorePaths("age", "active")
                .withIgnoreCase()
                .withStringMatcher(ExampleMatcher.StringMatcher.CONTAINING);
        assertThat(people.findAll(Example.of(byCity, matcher)))
                .extracting(Person::id)
                .containsExactly("ada");
        assertThat(people.findOne(Example.of(byCity, matcher))).map(Person::id).contains("ada");
        assertThat(people.exists(Example.of(new Person("zed", null, null, null, 0, false, null, null))))
                .isFalse();

        Page<Person> page = people.findAll(
                Example.of(
                        new Person(null, null, null, null, 0, true, null, null),
                        ExampleMatcher.matching().withIgnorePaths("age")),
                PageRequest.of(0, 2, Sort.by("name")));
        assertThat(page.getContent()).extracting(Person::id).containsExactly("ada", "cy");
        assertThat(page.getTotalElements()).isEqualTo(3);

        List<Person> fluent = people.findBy(
                Example.of(
                        new Person(null, null, null, null, 0, true, null, null),
                        ExampleMatcher.matching().withIgnorePaths("age")),
                query -> query.sortBy(Sort.by(Sort.Order.desc("age"))).limit(2).all());
        assertThat(fluent).extracting(Person::id).containsExactly("cy", "ada");
    }

    @Test
    void auditingAndDomainEventsOnSave() {
        DeclaredRepositoryApplication.AUDITOR.set("alice");
        creditLog.credits.clear();
        Instant before = Instant.now();

        Ledger created = ledgers.save(new Ledger("l1", 0).credit(10));

        assertThat(created.getCreated()).isNotNull().isAfterOrEqualTo(before.minusSeconds(1));
        assertThat(created.getCreatedBy()).isEqualTo("alice");
        assertThat(created.getModifiedBy()).isEqualTo("alice");
        assertThat(creditLog.credits).containsExactly(new Ledger.Credited("l1", 10));

        DeclaredRepositoryApplication.AUDITOR.set("bob");
        Ledger changed = ledgers.save(created.credit(5));
        assertThat(changed.getBalance()).isEqualTo(15);
        assertThat(changed.getCreatedBy()).isEqualTo("alice");
        assertThat(changed.getModifiedBy()).isEqualTo("bob");
        assertThat(changed.getCreated()).isEqualTo(created.getCreated());
        assertThat(creditLog.credits).hasSize(2);
        assertThat(ledgers.findByBalanceGreaterThan(12))
                .extracting(Ledger::getId)
                .containsExactly("l1");
    }
}
