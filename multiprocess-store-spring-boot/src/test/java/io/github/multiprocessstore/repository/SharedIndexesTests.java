package io.github.multiprocessstore.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.StoreRoot;
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
 * A collection's indexes are built once however many repository objects need them: Spring Data makes one for each
 * declared interface and one for each query method. Each set of indexes follows the change feed on a thread of its
 * own ({@code mpstore-changes-<collection>}), so the threads show how many were built.
 */
class SharedIndexesTests {

    private static final String COLLECTION = "shared-indexes";

    @TempDir
    Path directory;

    @StoredObject(collection = COLLECTION)
    record Member(
            @Id String id,
            @Version @Nullable String rev,
            @Indexed String email,
            @Indexed String name) {}

    interface MemberRepository extends ObjectRepository<Member> {

        List<Member> findByEmail(String email);

        List<Member> findByNameStartingWith(String prefix);

        long countByEmail(String email);

        boolean existsByEmail(String email);
    }

    interface MemberLookup extends ObjectRepository<Member> {

        List<Member> findByEmailIn(List<String> emails);
    }

    @Test
    void everyRepositoryAndQueryMethodOfOneCollectionSharesOneSetOfIndexes() {
        try (StoreRoot root = StoreRoot.open(directory, builder -> builder.durable(false))) {
            ObjectRepositoryFactory factory =
                    new ObjectRepositoryFactory(root, JsonMapper.builder().build());
            MemberRepository members = factory.getRepository(MemberRepository.class);
            // Spring Data's factory bean makes one factory per interface from the configured one.
            MemberLookup lookup = new ObjectRepositoryFactory(factory).getRepository(MemberLookup.class);
            members.save(new Member("m1", null, "ann@example.com", "Ann"));
            members.save(new Member("m2", null, "bob@example.com", "Bob"));

            assertThat(feedThreads())
                    .as("threads following the collection's feed")
                    .isEqualTo(1);
            assertThat(members.findByEmail("bob@example.com"))
                    .extracting(Member::id)
                    .containsExactly("m2");
            assertThat(members.countByEmail("ann@example.com")).isEqualTo(1);
            assertThat(lookup.findByEmailIn(List.of("ann@example.com", "bob@example.com")))
                    .extracting(Member::id)
                    .containsExactlyInAnyOrder("m1", "m2");
            assertThat(members.findAll(PageRequest.of(0, 1, Sort.by("name"))).getContent())
                    .extracting(Member::id)
                    .containsExactly("m1");
        }
    }

    private static long feedThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(thread -> thread.getName().equals("mpstore-changes-" + COLLECTION))
                .count();
    }
}
