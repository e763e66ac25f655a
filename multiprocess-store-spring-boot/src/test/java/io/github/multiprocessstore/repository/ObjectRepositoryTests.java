package io.github.multiprocessstore.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.list;

import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.StoreException;
import io.github.multiprocessstore.StoreIOException;
import io.github.multiprocessstore.StoreRoot;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.TypeMismatchDataAccessException;
import org.springframework.dao.UncategorizedDataAccessException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Every {@link ObjectRepository} method against a real store on disk, and the translation of every core error. */
class ObjectRepositoryTests {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @TempDir
    Path root;

    private final List<String> operations = new ArrayList<>();
    private StoreRoot storeRoot;
    private ObjectRepository<Profile> profiles;

    @BeforeEach
    void openStore() {
        storeRoot = StoreRoot.open(root, builder -> builder.durable(false));
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new ObservationHandler<StoreOperationContext>() {
            @Override
            public boolean supportsContext(Observation.Context context) {
                return context instanceof StoreOperationContext;
            }

            @Override
            public void onStop(StoreOperationContext context) {
                Throwable failure = context.getError();
                operations.add(context.getCollection() + ":" + context.getOperation() + ":"
                        + (failure == null ? "ok" : failure.getClass().getSimpleName()));
            }
        });
        profiles = new ObjectRepositoryFactory(storeRoot, MAPPER, observations, null).create(Profile.class);
    }

    @Test
    void saveWithoutRevInsertsAndReturnsTheNewRevision() {
        Profile saved = profiles.save(Profile.of("alice", "alice@example.com"));

        assertThat(saved.id()).isEqualTo("alice");
        assertThat(saved.rev()).matches("0-[0-9a-f]{32}");
        assertThat(saved.email()).isEqualTo("alice@example.com");
        assertThat(root.resolve("profiles").resolve("alice").resolve(saved.rev()))
                .isRegularFile();
    }

    @Test
    void saveWithoutRevOfAnExistingIdThrowsDuplicateKeyNamingTheId() {
        profiles.save(Profile.of("alice", "a@example.com"));

        assertThatThrownBy(() -> profiles.save(Profile.of("alice", "other@example.com")))
                .isInstanceOf(DuplicateKeyException.class)
                .hasMessageContaining("'alice'")
                .hasMessageContaining("'profiles'");
    }

    @Test
    void saveWithTheCurrentRevUpdates() {
        Profile first = profiles.save(Profile.of("alice", "a@example.com"));

        Profile second = profiles.save(first.withVisits(1));

        assertThat(second.rev()).startsWith("1-");
        assertThat(profiles.findById("alice")).contains(second);
    }

    @Test
    void saveWithAStaleRevThrowsOptimisticLockingFailure() {
        Profile first = profiles.save(Profile.of("alice", "a@example.com"));
        profiles.save(first.withVisits(1));

        assertThatThrownBy(() -> profiles.save(first.withVisits(2)))
                .isInstanceOf(OptimisticLockingFailureException.class)
                .hasMessageContaining("'alice'")
                .hasMessageContaining(first.rev());
        assertThat(profiles.findById("alice")).get().extracting(Profile::visits).isEqualTo(1);
    }

    // Spring Data's contract (changed in issue 16): a versioned entity assumed present that does not exist fails
    // optimistic locking.
    @Test
    void saveWithARevOfAnAbsentObjectIsAnOptimisticLockingFailure() {
        Profile ghost = Profile.of("ghost", "g@example.com").withRev("0-0123456789abcdef0123456789abcdef");

        assertThatThrownBy(() -> profiles.save(ghost))
                .isInstanceOf(OptimisticLockingFailureException.class)
                .hasMessageContaining("'ghost'");
    }

    @Test
    void saveWithoutAnIdThrowsInvalidApiUsageExplainingTheMapping() {
        assertThatThrownBy(() -> profiles.save(Profile.of(null, "x@example.com")))
                .isInstanceOf(InvalidDataAccessApiUsageException.class)
                .hasMessageContaining("_id")
                .hasMessageContaining("@JsonProperty");
    }

    @Test
    void saveWithAnIdTooLongForAFileNameThrowsInvalidApiUsageNamingTheId() {
        String tooLong = "x".repeat(300);

        assertThatThrownBy(() -> profiles.save(Profile.of(tooLong, "x@example.com")))
                .isInstanceOf(InvalidDataAccessApiUsageException.class)
                .hasMessageContaining("'" + tooLong + "'");
    }

    @Test
    void idsThatAreNotPlainNamesAreStoredSafelyInsideTheCollection() {
        Profile saved = profiles.save(Profile.of("../escape", "x@example.com"));

        assertThat(profiles.findById("../escape")).contains(saved);
        assertThat(root.resolve("escape")).doesNotExist();
    }

    @Test
    void saveAllSavesInOrderAndStopsAtTheFirstFailure() {
        profiles.save(Profile.of("b", "b@example.com"));

        List<Profile> saved = profiles.saveAll(List.of(Profile.of("a", "a@example.com")));
        assertThat(saved).extracting(Profile::id).containsExactly("a");

        assertThatThrownBy(() -> profiles.saveAll(List.of(
                        Profile.of("c", "c@example.com"),
                        Profile.of("b", "again@example.com"),
                        Profile.of("d", "d@example.com"))))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(profiles.existsById("c")).isTrue();
        assertThat(profiles.existsById("d")).isFalse();
    }

    @Test
    void updateAllowingConflictKeepsBothUpdatesFromOneRevisionAsAConflict() {
        Profile base = profiles.save(Profile.of("alice", "a@example.com"));

        Profile left = profiles.updateAllowingConflict(base.withVisits(1));
        Profile right = profiles.updateAllowingConflict(base.withVisits(2));

        assertThat(left.rev()).startsWith("1-");
        assertThat(right.rev()).startsWith("1-");
        assertThat(profiles.findConflicts("alice"))
                .singleElement(list(String.class))
                .containsExactlyInAnyOrder(left.rev(), right.rev());
        assertThat(profiles.findRevisions("alice")).hasSize(3).startsWith(base.rev());
    }

    @Test
    void updateAppliesTheChangeToTheWinnerUnderTheLockAndNeverForks() {
        Profile base = profiles.save(Profile.of("alice", "a@example.com"));

        Profile updated = profiles.update("alice", current -> current.withVisits(current.visits() + 5));

        assertThat(updated.rev()).startsWith("1-");
        assertThat(updated.visits()).isEqualTo(base.visits() + 5);
        assertThat(profiles.findById("alice")).contains(updated);
        assertThat(profiles.findConflicts("alice")).isEmpty();
        assertThat(operations).contains("profiles:update:ok");
    }

    @Test
    void updateOfAnAbsentObjectThrowsEmptyResultAndABadChangeIsAnApiMisuse() {
        profiles.save(Profile.of("alice", "a@example.com"));

        assertThatThrownBy(() -> profiles.update("ghost", current -> current))
                .isInstanceOf(EmptyResultDataAccessException.class)
                .hasMessageContaining("'ghost'");
        assertThatThrownBy(() -> profiles.update("alice", current -> null))
                .isInstanceOf(InvalidDataAccessApiUsageException.class)
                .hasMessageContaining("returned null");
        assertThatThrownBy(() -> profiles.update("alice", current -> Profile.of("bob", "b@example.com")))
                .isInstanceOf(InvalidDataAccessApiUsageException.class)
                .hasMessageContaining("alice");
        assertThat(profiles.findRevisions("alice")).hasSize(1);
    }

    @Test
    void updateAllowingConflictOfAnAbsentObjectThrowsEmptyResult() {
        Profile ghost = Profile.of("ghost", "g@example.com").withRev("0-0123456789abcdef0123456789abcdef");

        assertThatThrownBy(() -> profiles.updateAllowingConflict(ghost))
                .isInstanceOf(EmptyResultDataAccessException.class)
                .hasMessageContaining("'ghost'");
    }

    @Test
    void resolveConflictKeepsTheChosenRevision() {
        Profile base = profiles.save(Profile.of("alice", "a@example.com"));
        Profile left = profiles.updateAllowingConflict(base.withVisits(1));
        Profile right = profiles.updateAllowingConflict(base.withVisits(2));
        String winner = profiles.findById("alice").orElseThrow().rev();
        Profile chosen = winner.equals(left.rev()) ? right : left;

        Profile resolved = profiles.resolveConflict("alice", chosen.rev());

        assertThat(resolved).isEqualTo(chosen);
        assertThat(profiles.findConflicts("alice")).isEmpty();
        assertThat(profiles.findById("alice")).contains(chosen);
    }

    @Test
    void resolveConflictWithAMergedVersionWritesItAsTheWinner() {
        Profile base = profiles.save(Profile.of("alice", "a@example.com"));
        profiles.updateAllowingConflict(base.withVisits(1));
        profiles.updateAllowingConflict(base.withVisits(2));
        Profile winner = profiles.findById("alice").orElseThrow();

        Profile merged = profiles.resolveConflict(winner.withVisits(3));

        assertThat(merged.rev()).startsWith("2-");
        assertThat(profiles.findConflicts("alice")).isEmpty();
        assertThat(profiles.findById("alice")).contains(merged);
    }

    @Test
    void resolveConflictWithAMergeOfAStaleRevisionThrowsOptimisticLockingFailure() {
        Profile base = profiles.save(Profile.of("alice", "a@example.com"));
        profiles.updateAllowingConflict(base.withVisits(1));
        profiles.updateAllowingConflict(base.withVisits(2));

        assertThatThrownBy(() -> profiles.resolveConflict(base.withVisits(3)))
                .isInstanceOf(OptimisticLockingFailureException.class)
                .hasMessageContaining("'alice'");
        assertThat(profiles.findConflicts("alice")).hasSize(1);
    }

    @Test
    void resolveConflictWithAnUnknownRevisionThrowsEmptyResult() {
        profiles.save(Profile.of("alice", "a@example.com"));

        assertThatThrownBy(() -> profiles.resolveConflict("alice", "7-0123456789abcdef0123456789abcdef"))
                .isInstanceOf(EmptyResultDataAccessException.class)
                .hasMessageContaining("'alice'");
    }

    @Test
    void findByIdIsEmptyForAnAbsentId() {
        assertThat(profiles.findById("nobody")).isEmpty();
    }

    @Test
    void existsByIdTellsLiveFromAbsentAndDeleted() {
        profiles.save(Profile.of("alice", "a@example.com"));
        profiles.save(Profile.of("bob", "b@example.com"));
        profiles.deleteById("bob");

        assertThat(profiles.existsById("alice")).isTrue();
        assertThat(profiles.existsById("bob")).isFalse();
        assertThat(profiles.existsById("carol")).isFalse();
    }

    @Test
    void findAllReturnsLiveObjectsSortedById() {
        profiles.save(Profile.of("carol", "c@example.com"));
        profiles.save(Profile.of("alice", "a@example.com"));
        profiles.save(Profile.of("bob", "b@example.com"));
        profiles.deleteById("bob");

        assertThat(profiles.findAll()).extracting(Profile::id).containsExactly("alice", "carol");
    }

    @Test
    void findAllByIdKeepsTheGivenOrderAndSkipsAbsentIds() {
        profiles.save(Profile.of("alice", "a@example.com"));
        profiles.save(Profile.of("bob", "b@example.com"));

        assertThat(profiles.findAllById(List.of("bob", "nobody", "alice")))
                .extracting(Profile::id)
                .containsExactly("bob", "alice");
    }

    @Test
    void countCountsLiveObjects() {
        profiles.save(Profile.of("alice", "a@example.com"));
        profiles.save(Profile.of("bob", "b@example.com"));
        profiles.deleteById("alice");

        assertThat(profiles.count()).isEqualTo(1);
    }

    @Test
    void deleteByIdWritesATombstoneAndIgnoresAbsentIds() {
        profiles.save(Profile.of("alice", "a@example.com"));

        profiles.deleteById("alice");
        profiles.deleteById("alice");
        profiles.deleteById("nobody");

        assertThat(profiles.findById("alice")).isEmpty();
        assertThat(profiles.findRevisions("alice")).hasSize(2);
    }

    @Test
    void deleteWithTheCurrentRevDeletes() {
        Profile alice = profiles.save(Profile.of("alice", "a@example.com"));

        profiles.delete(alice);

        assertThat(profiles.existsById("alice")).isFalse();
    }

    @Test
    void deleteWithAStaleRevThrowsOptimisticLockingFailureAndKeepsTheObject() {
        Profile first = profiles.save(Profile.of("alice", "a@example.com"));
        profiles.save(first.withVisits(5));

        assertThatThrownBy(() -> profiles.delete(first))
                .isInstanceOf(OptimisticLockingFailureException.class)
                .hasMessageContaining("'alice'");
        assertThat(profiles.findById("alice")).get().extracting(Profile::visits).isEqualTo(5);
    }

    // Spring Data's contract (changed in issue 16): deleting a versioned entity that no longer exists fails
    // optimistic locking; without a revision an absent object is ignored.
    @Test
    void deleteWithARevOfAnAlreadyDeletedObjectIsAnOptimisticLockingFailure() {
        Profile alice = profiles.save(Profile.of("alice", "a@example.com"));
        profiles.deleteById("alice");

        assertThatThrownBy(() -> profiles.delete(alice))
                .isInstanceOf(OptimisticLockingFailureException.class)
                .hasMessageContaining("'alice'");
        profiles.delete(Profile.of("nobody", "n@example.com"));

        assertThat(profiles.count()).isZero();
    }

    @Test
    void deleteAllDeletesEveryLiveObject() {
        profiles.save(Profile.of("alice", "a@example.com"));
        profiles.save(Profile.of("bob", "b@example.com"));
        profiles.deleteById("bob");

        profiles.deleteAll();

        assertThat(profiles.count()).isZero();
        assertThat(profiles.findAll()).isEmpty();
    }

    @Test
    void streamVisitsEveryLiveObject() {
        profiles.save(Profile.of("alice", "a@example.com"));
        profiles.save(Profile.of("bob", "b@example.com"));

        try (Stream<Profile> all = profiles.stream()) {
            assertThat(all.map(Profile::id)).containsExactlyInAnyOrder("alice", "bob");
        }
    }

    @Test
    void findConflictsAndFindRevisionsAreEmptyForAnAbsentObject() {
        assertThat(profiles.findConflicts("nobody")).isEmpty();
        assertThat(profiles.findRevisions("nobody")).isEmpty();
    }

    @Test
    void storeIsTheCollectionsUntypedStore() {
        profiles.save(Profile.of("alice", "a@example.com"));

        assertThat(profiles.store().path()).isEqualTo(root.resolve("profiles"));
        assertThat(profiles.store().getObject("alice").get("email").asString()).isEqualTo("a@example.com");
    }

    @Test
    void ordinaryClassesMapLikeRecordsInTheDefaultCollection() {
        ObjectRepository<Note> notes = new ObjectRepositoryFactory(storeRoot, MAPPER).create(Note.class);

        Note saved = notes.save(new Note("n1", "hello"));
        saved.setText("hello again");
        Note updated = notes.save(saved);

        assertThat(updated.getRev()).startsWith("1-");
        assertThat(notes.findById("n1")).get().extracting(Note::getText).isEqualTo("hello again");
        assertThat(root.resolve("note").resolve("n1")).isDirectory();
    }

    @Test
    void storedJsonHasIdAndRevAsPlainProperties() throws IOException {
        Profile saved = profiles.save(Profile.of("alice", "a@example.com"));

        ObjectNode onDisk = (ObjectNode) MAPPER.readTree(
                Files.readString(root.resolve("profiles").resolve("alice").resolve(saved.rev())));

        assertThat(onDisk.get("_id").asString()).isEqualTo("alice");
        assertThat(onDisk.get("_rev").asString()).isEqualTo(saved.rev());
        assertThat(onDisk.get("email").asString()).isEqualTo("a@example.com");
    }

    @Test
    void aCorruptWinningRevisionThrowsDataIntegrityViolationNamingTheId() throws IOException {
        profiles.save(Profile.of("alice", "a@example.com"));
        Files.writeString(
                root.resolve("profiles").resolve("alice").resolve("9-0123456789abcdef0123456789abcdef"), "{ not json");

        assertThatThrownBy(() -> profiles.findById("alice"))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("'alice'");
    }

    @Test
    void anObjectThatDoesNotFitTheTypeThrowsTypeMismatch() {
        ObjectNode odd = MAPPER.createObjectNode().put("_id", "odd").put("visits", "many");
        storeRoot.collection("profiles").createObject(odd);

        assertThatThrownBy(() -> profiles.findById("odd"))
                .isInstanceOf(TypeMismatchDataAccessException.class)
                .hasMessageContaining("'odd'")
                .hasMessageContaining(Profile.class.getName());
    }

    @Test
    void nullArgumentsThrowInvalidApiUsage() {
        assertThatThrownBy(() -> profiles.findById(null)).isInstanceOf(InvalidDataAccessApiUsageException.class);
        assertThatThrownBy(() -> profiles.save(null)).isInstanceOf(InvalidDataAccessApiUsageException.class);
    }

    @Test
    void anIoErrorOfTheStoreThrowsDataAccessResourceFailureNamingTheId() {
        ObjectRepository<Profile> repository = repositoryOver(storeThrowing(new StoreIOException(
                "read the winning revision", "alice", root.resolve("alice"), new IOException("Input/output error"))));

        assertThatThrownBy(() -> repository.findById("alice"))
                .isInstanceOf(DataAccessResourceFailureException.class)
                .hasMessageContaining("'alice'")
                .hasMessageContaining("Input/output error")
                .hasCauseInstanceOf(StoreIOException.class);
    }

    @Test
    void anUncategorizedStoreErrorThrowsUncategorizedDataAccessException() {
        ObjectRepository<Profile> repository = repositoryOver(
                storeThrowing(new StoreException("alice exists but is not an object directory", "alice", root, null)));

        assertThatThrownBy(() -> repository.save(Profile.of("alice", "a@example.com")))
                .isInstanceOf(UncategorizedDataAccessException.class)
                .hasMessageContaining("'alice'");
    }

    @Test
    void aStoreErrorWhileStreamingIsTranslatedToo() {
        Stream<ObjectNode> failingStream = Stream.generate(() -> {
            throw new StoreIOException("list objects", null, root, new IOException("Stale file handle"));
        });
        ObjectStore failing = (ObjectStore) Proxy.newProxyInstance(
                ObjectStore.class.getClassLoader(),
                new Class<?>[] {ObjectStore.class},
                (proxy, method, args) -> failingStream);
        ObjectRepository<Profile> repository = repositoryOver(failing);

        try (Stream<Profile> all = repository.stream()) {
            assertThatThrownBy(all::toList)
                    .isInstanceOf(DataAccessResourceFailureException.class)
                    .hasMessageContaining("Stale file handle");
        }
    }

    @Test
    void everyOperationIsReportedWithItsOutcome() {
        profiles.save(Profile.of("alice", "a@example.com"));
        profiles.findById("alice");
        try {
            profiles.save(Profile.of("alice", "a@example.com"));
        } catch (DuplicateKeyException expected) {
            // reported below
        }

        assertThat(operations)
                .containsExactly("profiles:save:ok", "profiles:findById:ok", "profiles:save:DuplicateKeyException");
    }

    /** A store whose every method throws {@code failure}, as a store on a failing disk would. */
    private static ObjectStore storeThrowing(StoreException failure) {
        return (ObjectStore) Proxy.newProxyInstance(
                ObjectStore.class.getClassLoader(), new Class<?>[] {ObjectStore.class}, (proxy, method, args) -> {
                    throw failure;
                });
    }

    private ObjectRepository<Profile> repositoryOver(ObjectStore store) {
        return new DefaultObjectRepository<>(Profile.class, "profiles", store, MAPPER, ObservationRegistry.NOOP, null);
    }
}
