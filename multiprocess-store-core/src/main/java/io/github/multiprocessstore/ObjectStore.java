package io.github.multiprocessstore;

import io.github.multiprocessstore.changes.ChangeBatch;
import io.github.multiprocessstore.changes.ChangeListener;
import io.github.multiprocessstore.changes.ChangeSubscription;
import io.github.multiprocessstore.changes.ChangeToken;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import tools.jackson.databind.node.ObjectNode;

/**
 * A directory of JSON objects that many threads, JVMs and Node.js processes (using the npm package
 * {@code multiprocess-store}) can read and write at once without losing data.
 *
 * <p>Each object is a sub-directory named after its {@code _id}; each revision an immutable file
 * {@code <N>-<32 hex>} holding the object's JSON. Every write adds a new file (temp file, fsync, atomic rename), so
 * writers never overwrite each other: two revisions with the same N are a <em>conflict</em>, kept and reported by
 * {@link #getConflicts(String)}, and every reader elects the same winner (the last name in the original's
 * "alphanum" order).
 *
 * <p>Objects are Jackson {@link ObjectNode}s. Returned objects always carry {@code _id} and {@code _rev} taken from
 * the path, never from the file's contents; arguments are never modified. Implementations are thread-safe.
 * Deleting writes a tombstone revision ({@code "_deleted": true}); deleted objects are absent from reads.
 *
 * <p>A store holds resources (its share of the JVM's lock files, a read pool, caches): close it when done, e.g.
 * with try-with-resources. Closing never affects other stores, even on the same directory.
 */
public interface ObjectStore extends AutoCloseable {

    /**
     * Opens (creating it if missing) a store with durable writes. {@code ~} at the start of the path means the
     * user's home directory.
     *
     * @param directory the store directory
     * @return the store
     * @throws StoreIOException if the directory cannot be created or is not a writable directory
     */
    static ObjectStore open(Path directory) {
        return builder(directory).build();
    }

    /**
     * Opens an existing store only to read it: no directory is created, no temp file removed, no lock taken, and
     * every write method throws {@link ReadOnlyStoreException}. See {@link ObjectStoreBuilder#buildReadOnly()}.
     *
     * @param directory the store directory ({@code ~} expands to the user's home)
     * @return the read-only store
     * @throws StoreIOException if the directory does not exist or is not a directory
     */
    static ObjectStore openReadOnly(Path directory) {
        return builder(directory).buildReadOnly();
    }

    /**
     * Starts configuring a store on a directory; see {@link ObjectStoreBuilder} for the options.
     *
     * @param directory the store directory ({@code ~} expands to the user's home)
     * @return a builder
     */
    static ObjectStoreBuilder builder(Path directory) {
        return new ObjectStoreBuilder(directory);
    }

    /** The store's directory, absolute and with {@code ~} expanded. */
    Path path();

    /**
     * Creates an object at revision 0. Atomic across processes: the object appears complete or not at all, and of
     * many racing creators of one id exactly one succeeds. Creating over a deleted object revives it with the
     * next revision number.
     *
     * @param object the object; must hold a string {@code _id}; a {@code _rev} in it is ignored
     * @return the stored object, with {@code _id} and the new {@code _rev}
     * @throws ObjectAlreadyExistsException if a live object has this id
     * @throws InvalidIdException           if the id is not usable
     */
    ObjectNode createObject(ObjectNode object);

    /**
     * Reads the winning revision of an object.
     *
     * @param id the object id
     * @return the object with {@code _id} and {@code _rev}
     * @throws ObjectNotFoundException   if it does not exist or is deleted
     * @throws CorruptRevisionException if the winning revision file is not a JSON object
     */
    ObjectNode getObject(String id);

    /**
     * Like {@link #getObject(String)}, with absence as an empty result instead of an exception.
     *
     * @param id the object id
     * @return the object, or empty if it does not exist or is deleted
     */
    Optional<ObjectNode> findObject(String id);

    /**
     * The original's update: writes revision N+1, where N comes from the object's {@code _rev} (a missing
     * {@code _rev} counts as 0). Never rejected for staleness: two updates from the same revision both survive
     * as a conflict. Takes no lock.
     *
     * @param object the object with its {@code _id} and the {@code _rev} it was read at
     * @return the stored object with its new {@code _rev}
     * @throws ObjectNotFoundException if the object directory does not exist
     */
    ObjectNode updateObject(ObjectNode object);

    /**
     * The strict update (optimistic locking): writes revision N+1 only if the object's {@code _rev} is still the
     * winning revision, atomically with respect to every other strict update, delete, upsert and resolution in
     * any process using this library.
     *
     * @param object the object with its {@code _id} and the {@code _rev} it was read at
     * @return the stored object with its new {@code _rev}
     * @throws StaleRevisionException  if another revision wins now; read again and retry
     * @throws ObjectNotFoundException if the object does not exist or is deleted
     */
    ObjectNode updateObjectIfCurrent(ObjectNode object);

    /**
     * The atomic read-modify-write, like {@link java.util.Map#compute}: under the object's lock, reads the winning
     * revision, passes a copy of it (with {@code _id} and {@code _rev}) to {@code change} and writes what it returns
     * as the next revision. No other strict update, atomic update, delete, upsert or resolution, in any process
     * using this library, can come in between, so nothing is ever refused as stale and no retry loop is needed.
     *
     * <p>The function runs while the lock is held: keep it short and free of I/O, and do not call this store for
     * the same object from it. It may modify and return the object it is given (which is then written without being
     * copied again, and returned with its new {@code _rev}). A {@code _rev} in what it returns is ignored; an
     * {@code _id} must be unchanged.
     *
     * @param id     the object's id
     * @param change computes the new content from the current one; must not return null
     * @return the stored object with its new {@code _rev}
     * @throws ObjectNotFoundException  if the object does not exist or is deleted
     * @throws InvalidIdException       if the id is not valid, or the function changed the {@code _id}
     * @throws IllegalArgumentException if the function returned null
     */
    ObjectNode updateObjectAtomically(String id, UnaryOperator<ObjectNode> change);

    /**
     * The former name of {@link #updateObjectAtomically(String, UnaryOperator)}, which it calls: the same name as
     * the lockless {@link #updateObject(ObjectNode)} hid that this one is the locked read-modify-write.
     *
     * @param id     the object's id
     * @param change computes the new content from the current one; must not return null
     * @return the stored object with its new {@code _rev}
     * @deprecated use {@link #updateObjectAtomically(String, UnaryOperator)}; this alias goes in a later release
     */
    @Deprecated(since = "0.1.0", forRemoval = false)
    default ObjectNode updateObject(String id, UnaryOperator<ObjectNode> change) {
        return updateObjectAtomically(id, change);
    }

    /**
     * Creates the object, or merges its fields into the winning revision (fields of {@code object} replace those
     * of the same name; others are kept) and writes that as the next revision. The merge happens under the
     * object's lock, so concurrent strict writers are not overwritten.
     *
     * @param object the object with its {@code _id}; a {@code _rev} in it is ignored
     * @return the stored object with its new {@code _rev}
     */
    ObjectNode upsertObject(ObjectNode object);

    /**
     * Deletes an object by writing a tombstone revision ({@code {"_deleted": true}}) on top of the winner. Files
     * are kept, so a concurrent update survives as a conflict and the deletion can be replicated.
     *
     * @param id the object id
     * @return the tombstone's {@code _rev}
     * @throws ObjectNotFoundException if it does not exist or is already deleted
     */
    String deleteObject(String id);

    /**
     * Whether a live (not deleted) object has this id.
     *
     * @param id the object id
     * @return true if {@link #getObject(String)} would find it
     */
    boolean exists(String id);

    /**
     * The conflicts of one object in the original's shape: one group per revision number held by two or more
     * files, each group the alphanum-sorted revision names, groups in revision order. Empty if none.
     *
     * @param id the object id
     * @return the conflict groups
     * @throws ObjectNotFoundException if the object directory does not exist
     */
    List<List<String>> getConflicts(String id);

    /**
     * The conflicts of every object that has any, by id, found from file names only (no file is read).
     *
     * @return id to conflict groups, sorted by id
     */
    Map<String, List<List<String>>> getAllConflicts();

    /**
     * The conflicts of every live object that has any, by id: like {@link #getAllConflicts()}, leaving out objects
     * whose winning revision is a tombstone (a deleted object's old conflicts concern nobody any more). Reads the
     * winner of each conflicted object to know; what it returns holds names only, never contents. A conflicted object
     * whose winner cannot be parsed is listed (it needs attention).
     *
     * @return id to conflict groups of the live objects, sorted by id
     */
    Map<String, List<List<String>>> getConflictsOfLiveObjects();

    /**
     * Retires the rivals of an object's conflicts whose data the current winner has captured, so nothing is lost:
     * every field of the rival (other than {@code _id}/{@code _rev}) is in the winner with a value equal as JSON, and
     * the rival removed nothing the winner still has (its parent, the one revision numbered just below it, must be
     * known, and a field the parent had and the rival dropped must be absent from the winner). The winner is never
     * retired. Runs under the object's lock and checks the winner again before retiring, so it is safe against
     * writers in other processes; retired revisions go to the trash with a retirement record, as
     * {@link #resolveConflict(String, String)} retires them, so replication does not bring them back.
     *
     * @param id the object id
     * @return the retired revisions, empty if none was captured or the object has no conflict
     * @throws InvalidIdException if the id is not usable
     */
    List<String> resolveCapturedConflicts(String id);

    /**
     * {@link #resolveCapturedConflicts(String)} for every object with a conflict.
     *
     * @return id to the revisions retired from it, sorted by id; only objects that lost a revision are listed
     */
    Map<String, List<String>> resolveCapturedConflicts();

    /**
     * When a revision was written: its file's last-modified time (kept by replication, which copies it).
     *
     * @param id       the object id
     * @param revision the revision name
     * @return the time the revision's file was written
     * @throws ObjectNotFoundException if there is no such live revision
     */
    Instant getRevisionTime(String id, String revision);

    /**
     * The revision history of an object: every revision name on disk, oldest first, in the order that elects
     * the winner (the last one). Tombstones included.
     *
     * @param id the object id
     * @return revision names
     * @throws ObjectNotFoundException if the object directory does not exist
     */
    List<String> getRevisions(String id);

    /**
     * Reads one revision of an object, whether or not it wins; a tombstone is returned as it is stored.
     *
     * @param id       the object id
     * @param revision the revision name ({@code _rev})
     * @return that revision's object with {@code _id} and {@code _rev}
     * @throws ObjectNotFoundException if there is no such revision
     */
    ObjectNode getRevision(String id, String revision);

    /**
     * Resolves the conflict that contains {@code winningRevision}: the other revisions with the same number are
     * moved out of the object directory (into the store's trash, where they stay readable for recovery), so the
     * group is no longer a conflict and, if it is the latest group, the chosen revision wins for every reader.
     * Runs under the object's lock.
     *
     * @param id              the object id
     * @param winningRevision the revision to keep
     * @return the object as it now wins
     * @throws ObjectNotFoundException if the object or that revision does not exist
     */
    ObjectNode resolveConflict(String id, String winningRevision);

    /**
     * Resolves every conflict of an object with a merged version: {@code merged} is written as the next revision
     * (so it wins), and in each conflict group every revision but the one readers elected is retired to the trash.
     * Strict like {@link #updateObjectIfCurrent(ObjectNode)}: {@code merged._rev} must be the current winner, so a
     * revision that arrived after the caller looked at the conflicts makes it fail instead of being merged away
     * unseen. Runs under the object's lock.
     *
     * @param merged the merged object, with its {@code _id} and the winning {@code _rev} it was based on
     * @return the stored merged object with its new {@code _rev}
     * @throws StaleRevisionException  if another revision wins now; look at the conflicts again
     * @throws ObjectNotFoundException if the object does not exist
     */
    ObjectNode resolveConflict(ObjectNode merged);

    /**
     * All live objects, read in parallel and held in memory, sorted by id. For large stores prefer
     * {@link #streamObjects()}.
     *
     * @return the live objects
     */
    List<ObjectNode> getAllObjects();

    /**
     * Visits all live objects lazily, in directory order, in constant memory. Objects whose winning revision is
     * corrupt are skipped with a logged warning. Close the stream (try-with-resources) to release the directory
     * handle.
     *
     * @return a stream of the live objects
     */
    Stream<ObjectNode> streamObjects();

    /**
     * The ids of all object directories, lazily in directory order (deleted objects included: their directories
     * remain). Close the stream.
     *
     * @return a stream of ids
     */
    Stream<String> streamIds();

    /**
     * The number of live objects.
     *
     * @return how many objects {@link #streamObjects()} would visit
     */
    long count();

    /**
     * The changes after a position, by every process writing this store (Java through the journal within
     * milliseconds; the npm package and file copies by reconciliation): what is there now, without waiting.
     * Delivery is at least once and in order per object; pass {@link ChangeBatch#next()} to the next call. A
     * position older than the journal's retention gives a {@linkplain ChangeBatch#reset() reset}: every live
     * object once, as {@code CREATED}, then the changes.
     *
     * @param since {@link ChangeToken#BEGINNING} for every live object once (as {@code CREATED}), then the changes;
     *              or a token a feed of this store gave
     * @return the changes
     * @throws IllegalArgumentException if the token is not one of this store's feeds
     */
    ChangeBatch changes(ChangeToken since);

    /**
     * The position after every change made so far: {@link #changes(ChangeToken)} with it returns only later ones.
     *
     * @return the current position
     */
    ChangeToken currentChangeToken();

    /**
     * The position before the oldest change the journal still holds (within its retention): from it, every
     * journaled change with its own kind, then what reconciliation finds that nobody journaled. Unlike
     * {@link ChangeToken#BEGINNING}, which reports the current state (every live object as {@code CREATED}), this
     * replays the history, e.g. for a collection that appeared moments ago.
     *
     * @return the oldest position
     */
    ChangeToken oldestChangeToken();

    /**
     * Pushes the changes after a position to a listener, from the subscription's own thread, within milliseconds
     * of a write by any JVM on this host (file notifications on the journal, polling as the fallback) and within
     * the reconcile interval for writes nobody journaled. A subscriber that falls too far behind gets
     * {@link ChangeListener#onReset} and every live object again instead of slowing the others. Closing the
     * subscription or the store stops it.
     *
     * @param since    where to start, as for {@link #changes(ChangeToken)}
     * @param listener receives the changes
     * @return the running subscription
     */
    ChangeSubscription subscribe(ChangeToken since, ChangeListener listener);

    /**
     * Pushes the changes made after this call to a listener, as {@link #subscribe(ChangeToken, ChangeListener)}.
     *
     * @param listener receives the changes
     * @return the running subscription
     */
    ChangeSubscription subscribe(ChangeListener listener);

    /**
     * Closes the store: releases its share of the JVM's lock files (a lock file another open store uses stays
     * open, so its locks hold), ends its read pool and drops its caches. Nothing on disk changes. Idempotent; any
     * other operation afterwards throws {@link StoreClosedException}. Call it once no operation of this store is
     * under way.
     */
    @Override
    void close();
}
