package io.github.multiprocessstore.repository;

import io.github.multiprocessstore.ObjectStore;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.ListPagingAndSortingRepository;
import org.springframework.data.repository.NoRepositoryBean;
import org.springframework.data.repository.query.ListQueryByExampleExecutor;

/**
 * A Spring Data repository of one collection: {@code ListCrudRepository}, {@code ListPagingAndSortingRepository}
 * and Query by Example, plus this store's own methods (atomic {@link #update(String, UnaryOperator) update},
 * {@link #updateAllowingConflict(Object) updateAllowingConflict}, conflicts, revisions, resolution,
 * {@link #stream()}). Declare an interface extending it to add derived queries, e.g.
 * {@code interface ProfileRepository extends ObjectRepository<Profile> { List<Profile> findByEmail(String email); }}:
 * it is found in the application's packages and injected (see {@code @EnableMultiprocessStoreRepositories}).
 *
 * <p>Objects are mapped to and from JSON with the application's Jackson mapper; the JSON properties {@code _id} and
 * {@code _rev} carry the id and the revision (e.g. {@code @JsonProperty("_id") String id}, or Spring Data's
 * {@code @Id} and {@code @Version}); a type without a {@code _rev} property can be inserted but never strictly
 * updated. Fields of the stored JSON that the type does not map are kept when it is saved again (see
 * {@link StoredObject#keepUnknownFields()}). Sort keys and query property paths are JSON property names. Thread-safe.
 *
 * <p>Every method throws only Spring's {@code DataAccessException}s, with the collection and the id in the message
 * and the core's exception as the cause:
 * <ul>
 * <li>{@code DuplicateKeyException}: an insert of an id that exists;</li>
 * <li>{@code OptimisticLockingFailureException}: a save or delete carrying a {@code _rev} that no longer wins, or
 * of an object that no longer exists;</li>
 * <li>{@code EmptyResultDataAccessException}: an {@code update}, {@code updateAllowingConflict} or resolution of an
 * object (or revision) that does not exist;</li>
 * <li>{@code InvalidDataAccessApiUsageException}: a null argument, a missing {@code _id}, an id that can never be
 * stored (e.g. too long), a type that does not map to a JSON object, an unknown sort property;</li>
 * <li>{@code TypeMismatchDataAccessException}: JSON that Jackson cannot map to or from {@code T}
 * ({@link UnmappableObjectException} when a stored object cannot be read as {@code T});</li>
 * <li>{@code DataIntegrityViolationException}: a revision file on disk that is not a JSON object;</li>
 * <li>{@code DataAccessResourceFailureException}: an I/O error of the file system;</li>
 * <li>{@link UncategorizedStoreAccessException}: any other store error.</li>
 * </ul>
 *
 * @param <T> the stored type
 */
@NoRepositoryBean
public interface ObjectRepository<T>
        extends ListCrudRepository<T, String>,
                ListPagingAndSortingRepository<T, String>,
                ListQueryByExampleExecutor<T> {

    /**
     * Inserts (no {@code _rev}) or strictly updates (with {@code _rev}) an object, then publishes its domain events.
     * Use the returned instance: it carries the new {@code _rev}.
     *
     * @param object the object; its {@code _id} must be set
     * @param <S>    the object's type
     * @return the saved object with its new revision
     * @throws org.springframework.dao.DuplicateKeyException if inserting an id that exists
     * @throws org.springframework.dao.OptimisticLockingFailureException if {@code _rev} is no longer the winner, or
     *                                                                   the object no longer exists
     */
    @Override
    <S extends T> S save(S object);

    /**
     * Saves each object in turn, as {@link #save(Object)} does; stops at the first failure.
     *
     * @param objects the objects
     * @param <S>     their type
     * @return the saved objects, in order
     */
    @Override
    <S extends T> List<S> saveAll(Iterable<S> objects);

    /**
     * The original's update: writes the next revision after the object's {@code _rev} and is never rejected for
     * staleness; two such updates from the same revision both land and show as a conflict.
     *
     * @param object the object with {@code _id} and the {@code _rev} it was read at
     * @return the saved object with its new revision
     * @throws org.springframework.dao.EmptyResultDataAccessException if the object does not exist
     */
    T updateAllowingConflict(T object);

    /**
     * Changes an object atomically, like {@link java.util.Map#compute}: reads its winning revision, passes it to
     * {@code change} and saves what that returns as the next revision, all under the object's lock, so no other
     * {@code save}, {@code update}, delete or resolution in any process can come in between. Nothing is ever
     * rejected as stale, so no retry loop is needed (unlike {@link #save(Object)} with a revision).
     *
     * <p>The function runs while the lock is held: keep it short, and do not use this repository for the same
     * object from it. It may return the object it was given, changed. The id must stay the same; the revision in
     * what it returns is ignored.
     *
     * @param id     the object's id
     * @param change computes the new object from the current one
     * @return the saved object with its new revision
     * @throws org.springframework.dao.EmptyResultDataAccessException if the object does not exist
     * @throws org.springframework.dao.InvalidDataAccessApiUsageException if the function returns null or changes
     *                                                                     the id
     */
    T update(String id, UnaryOperator<T> change);

    /**
     * The winning revision of an object.
     *
     * @param id the id
     * @return the object, or empty if absent or deleted
     */
    @Override
    Optional<T> findById(String id);

    /**
     * All live objects of the collection, sorted by id.
     *
     * @return the objects
     * @throws UnmappableObjectException if one cannot be read as {@code T} (unless such objects are skipped)
     */
    @Override
    List<T> findAll();

    /**
     * All live objects in the given order; ties (and an unsorted request) are ordered by id. Sort keys are JSON
     * property paths ({@code displayName}, {@code address.city}, {@code _id}).
     *
     * @param sort the order
     * @return the objects
     */
    @Override
    List<T> findAll(Sort sort);

    /**
     * One page of the live objects, ordered as {@link #findAll(Sort)} orders them; the scan keeps only the objects
     * up to the end of the page in memory.
     *
     * @param pageable the page
     * @return the page, with the total number of live objects
     */
    @Override
    Page<T> findAll(Pageable pageable);

    /**
     * Deletes an object. With a {@code _rev}, the delete is strict: the check that the revision still wins and the
     * tombstone's write are one atomic step. Without a {@code _rev} it is {@link #deleteById(String)}, and an
     * absent object is ignored, as Spring Data's contract says.
     *
     * @param object the object
     * @throws org.springframework.dao.OptimisticLockingFailureException if its {@code _rev} is stale, or the object
     *                                                                   it names is absent or already deleted
     */
    @Override
    void delete(T object);

    /**
     * All live objects lazily, in constant memory, in directory order; close the stream. Objects whose winning
     * revision is corrupt are skipped with a logged warning.
     *
     * @return a stream of the objects
     */
    Stream<T> stream();

    /**
     * The conflicts of one object in the original's shape: groups of revision names sharing one revision number.
     *
     * @param id the id
     * @return the conflict groups, empty if none or if the object is absent
     */
    List<List<String>> findConflicts(String id);

    /**
     * The revision names of one object, oldest first; the last one wins.
     *
     * @param id the id
     * @return the revision names, empty if the object is absent
     */
    List<String> findRevisions(String id);

    /**
     * Resolves the conflict containing {@code winningRevision} by keeping it and retiring its rivals.
     *
     * @param id              the id
     * @param winningRevision the revision to keep
     * @return the object as it now wins
     */
    T resolveConflict(String id, String winningRevision);

    /**
     * Resolves every conflict of an object with a merged version: it is written as the next revision and wins;
     * in each conflict group only the revision readers elected is kept, its rivals are retired to the store's
     * trash. Strict like {@link #save(Object)}: the merged object's {@code _rev} must be the current winner.
     *
     * @param merged the merged object, with its {@code _id} and the winning {@code _rev} it was based on
     * @return the stored merged object with its new revision
     * @throws org.springframework.dao.OptimisticLockingFailureException if another revision wins now
     * @throws org.springframework.dao.EmptyResultDataAccessException if the object does not exist
     */
    T resolveConflict(T merged);

    /** The collection's underlying untyped store. */
    ObjectStore store();
}
