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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A store opened only to be read ({@link ObjectStore#openReadOnly(Path)}): the reads of a {@link FileObjectStore}
 * opened {@linkplain FileObjectStore#forReading for reading}, which creates no directory, removes no temp file and
 * takes no lock, and every write refused with a {@link ReadOnlyStoreException} before anything is touched.
 */
final class ReadOnlyObjectStore implements ObjectStore {

    private final FileObjectStore reads;

    ReadOnlyObjectStore(FileObjectStore reads) {
        this.reads = reads;
    }

    @Override
    public Path path() {
        return reads.path();
    }

    // ---- writes: refused ----------------------------------------------------------------------------------

    @Override
    public ObjectNode createObject(ObjectNode object) {
        throw refused("create", object);
    }

    @Override
    public ObjectNode updateObject(ObjectNode object) {
        throw refused("update", object);
    }

    @Override
    public ObjectNode updateObjectIfCurrent(ObjectNode object) {
        throw refused("update", object);
    }

    @Override
    public ObjectNode updateObjectAtomically(String id, UnaryOperator<ObjectNode> change) {
        throw new ReadOnlyStoreException("update", id, path());
    }

    @Override
    public ObjectNode upsertObject(ObjectNode object) {
        throw refused("upsert", object);
    }

    @Override
    public String deleteObject(String id) {
        throw new ReadOnlyStoreException("delete", id, path());
    }

    @Override
    public ObjectNode resolveConflict(String id, String winningRevision) {
        throw new ReadOnlyStoreException("resolve a conflict of", id, path());
    }

    @Override
    public ObjectNode resolveConflict(ObjectNode merged) {
        throw refused("resolve the conflicts of", merged);
    }

    private ReadOnlyStoreException refused(String operation, ObjectNode object) {
        JsonNode id = object == null ? null : object.get("_id");
        return new ReadOnlyStoreException(operation, id != null && id.isString() ? id.asString() : null, path());
    }

    // ---- reads --------------------------------------------------------------------------------------------

    @Override
    public List<String> resolveCapturedConflicts(String id) {
        throw new ReadOnlyStoreException("resolve captured conflicts of", id, path());
    }

    @Override
    public Map<String, List<String>> resolveCapturedConflicts() {
        throw new ReadOnlyStoreException("resolve captured conflicts", null, path());
    }

    @Override
    public ObjectNode getObject(String id) {
        return reads.getObject(id);
    }

    @Override
    public Optional<ObjectNode> findObject(String id) {
        return reads.findObject(id);
    }

    @Override
    public boolean exists(String id) {
        return reads.exists(id);
    }

    @Override
    public List<List<String>> getConflicts(String id) {
        return reads.getConflicts(id);
    }

    @Override
    public Map<String, List<List<String>>> getAllConflicts() {
        return reads.getAllConflicts();
    }

    @Override
    public Map<String, List<List<String>>> getConflictsOfLiveObjects() {
        return reads.getConflictsOfLiveObjects();
    }

    @Override
    public Instant getRevisionTime(String id, String revision) {
        return reads.getRevisionTime(id, revision);
    }

    @Override
    public List<String> getRevisions(String id) {
        return reads.getRevisions(id);
    }

    @Override
    public ObjectNode getRevision(String id, String revision) {
        return reads.getRevision(id, revision);
    }

    @Override
    public List<ObjectNode> getAllObjects() {
        return reads.getAllObjects();
    }

    @Override
    public Stream<ObjectNode> streamObjects() {
        return reads.streamObjects();
    }

    @Override
    public Stream<String> streamIds() {
        return reads.streamIds();
    }

    @Override
    public long count() {
        return reads.count();
    }

    // ---- the change feed: read from the journal other stores write, reconciled; nothing is appended ----------

    @Override
    public ChangeBatch changes(ChangeToken since) {
        return reads.changes(since);
    }

    @Override
    public ChangeToken currentChangeToken() {
        return reads.currentChangeToken();
    }

    @Override
    public ChangeToken oldestChangeToken() {
        return reads.oldestChangeToken();
    }

    @Override
    public ChangeSubscription subscribe(ChangeToken since, ChangeListener listener) {
        return reads.subscribe(since, listener);
    }

    @Override
    public ChangeSubscription subscribe(ChangeListener listener) {
        return reads.subscribe(listener);
    }

    @Override
    public void close() {
        reads.close();
    }
}
