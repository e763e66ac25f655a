package io.github.multiprocessstore;

import io.github.multiprocessstore.changes.ChangeBatch;
import io.github.multiprocessstore.changes.ChangeListener;
import io.github.multiprocessstore.changes.ChangeSubscription;
import io.github.multiprocessstore.changes.ChangeToken;
import io.github.multiprocessstore.internal.format.ObjectIds;
import io.github.multiprocessstore.internal.format.RevisionNames;
import io.github.multiprocessstore.internal.format.Revisions;
import io.github.multiprocessstore.internal.format.StoreLayout;
import io.github.multiprocessstore.internal.journal.JournalKind;
import io.github.multiprocessstore.internal.read.CacheAdmission;
import io.github.multiprocessstore.internal.read.DirectoryListings;
import io.github.multiprocessstore.internal.read.RevisionFiles;
import io.github.multiprocessstore.internal.read.StoredRevision;
import io.github.multiprocessstore.internal.store.FileSystemTypes;
import io.github.multiprocessstore.internal.store.ObjectDirectory;
import io.github.multiprocessstore.internal.store.StoreFiles;
import io.github.multiprocessstore.internal.write.FileModes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The file-system implementation of {@link ObjectStore}: validates arguments and orchestrates the engine (the
 * store's files and object directories, the {@linkplain ObjectReader read} and {@linkplain ObjectWriter write}
 * sides), translating its errors into the API's. Holds no global lock; only operations that must write on top of
 * the current winner take that object's lock.
 */
final class FileObjectStore implements ObjectStore {

    /**
     * How often a create or upsert starts again when the object directory it found vanished before it could lock
     * it (a compaction removing a deleted object); each round means another process removed the directory anew.
     */
    private static final int VANISHED_DIRECTORY_ATTEMPTS = 10;

    private final Path root;
    private final StoreFiles files;
    private final RevisionFiles revisionFiles;
    private final DirectoryListings listings;
    private final ObjectReader reader;
    private final ObjectWriter writer;
    private final StoreScans scans;
    private final CapturedConflicts captured;
    private final ChangeFeed feed;
    private volatile boolean closed;

    FileObjectStore(
            StoreLayout layout,
            boolean durable,
            Clock clock,
            Supplier<RandomGenerator> randomSource,
            Duration tempFileGracePeriod,
            JsonMapper mapper,
            long readCacheBytes,
            int historyLimit,
            boolean keepListings,
            Duration listingSettleTime,
            long maxObjectSize,
            StorePermissions permissions,
            ChangeFeedOptions changeOptions) {
        this.root = layout.root();
        boolean keep = keepListings && changeTimesAreLocal(root);
        // Three quarters of the read cache for parsed revisions, a quarter for directory listings.
        long listingBytes = keep ? readCacheBytes / 4 : 0;
        this.listings = new DirectoryListings(listingBytes, listingSettleTime);
        try {
            FileModes modes = FileModes.of(permissions.files(), permissions.directories());
            this.files = StoreFiles.create(
                    layout, clock, durable, listings, modes, changeOptions.journalWriter(layout, clock, modes));
        } catch (IOException e) {
            throw StoreIOException.of(
                    "create the store directory (check that the path is a writable directory)", null, root, root, e);
        }
        this.revisionFiles = new RevisionFiles(mapper, readCacheBytes - listingBytes);
        this.reader = new ObjectReader(revisionFiles, clock);
        this.writer = new ObjectWriter(files, mapper, randomSource, revisionFiles, historyLimit, maxObjectSize);
        this.scans = new StoreScans(files, reader, writer);
        this.captured = new CapturedConflicts(reader, revisionFiles);
        this.feed = changeOptions.feed(files, reader, clock);
        files.removeStaleTempFiles(tempFileGracePeriod);
    }

    /** See {@link #forReading}. */
    private FileObjectStore(StoreLayout layout, Clock clock, JsonMapper mapper, long readCacheBytes) {
        this.root = layout.root();
        this.listings = DirectoryListings.none();
        this.revisionFiles = new RevisionFiles(mapper, readCacheBytes);
        this.files = StoreFiles.readOnly(layout);
        this.reader = new ObjectReader(revisionFiles, clock);
        // Never asked to write (ReadOnlyObjectStore refuses writes): it gives what is read its _id and _rev.
        this.writer = new ObjectWriter(files, mapper, SecureRandom::new, revisionFiles, 0, Long.MAX_VALUE);
        this.scans = new StoreScans(files, reader, writer);
        // Never asked to resolve either (ReadOnlyObjectStore refuses it); kept so that every field is set.
        this.captured = new CapturedConflicts(reader, revisionFiles);
        // Reads the journal others write and reconciles; its files have no journal writer, so it appends nothing.
        this.feed = ChangeFeedOptions.DEFAULTS.feed(files, reader, clock);
    }

    /**
     * Opens an existing store only to read it: unlike the constructor, it creates no directory, removes no temp
     * file, and its reads take no lock; only {@link ReadOnlyObjectStore} uses it, which refuses every write.
     *
     * @throws StoreIOException if the directory does not exist or is not a directory
     */
    static FileObjectStore forReading(StoreLayout layout, Clock clock, JsonMapper mapper, long readCacheBytes) {
        Path root = layout.root();
        try {
            if (!Files.readAttributes(root, BasicFileAttributes.class).isDirectory()) {
                throw new NotDirectoryException(root.toString());
            }
        } catch (IOException e) {
            throw new StoreIOException(
                    "open the store read-only (check that the path is an existing store directory)", null, root, e);
        }
        return new FileObjectStore(layout, clock, mapper, readCacheBytes);
    }

    /**
     * Whether directory change times can prove a kept listing current here; on FUSE and network file systems they
     * cannot (cached attributes, other hosts' clocks), so kept listings are switched off there, and said so once.
     */
    private static boolean changeTimesAreLocal(Path root) {
        String type = FileSystemTypes.typeOf(root);
        if (FileSystemTypes.changeTimesAreLocal(type)) {
            return true;
        }
        System.getLogger(FileObjectStore.class.getName())
                .log(
                        System.Logger.Level.INFO,
                        "Store {0} is on a {1} file system, whose directory change times may be cached or set by"
                                + " other hosts: kept listings are off for it (every read lists the object''s"
                                + " directory); nothing to do",
                        root,
                        type);
        return false;
    }

    @Override
    public Path path() {
        return root;
    }

    // ---- writes -------------------------------------------------------------------------------------------

    @Override
    public ObjectNode createObject(ObjectNode object) {
        ObjectDirectory directory = object(Arguments.idOf(object));
        return untilTheDirectoryStays("create", directory, () -> createOrRevive(directory, object));
    }

    /**
     * Creates the object, or revives it if its directory holds no live revision.
     *
     * @return the stored object, or empty if the directory vanished before it could be locked (a compaction
     *     removing a deleted object): the id is free again, to be created anew
     * @throws ObjectAlreadyExistsException if a live object has this id
     */
    private Optional<ObjectNode> createOrRevive(ObjectDirectory directory, ObjectNode object) {
        try {
            Optional<ObjectNode> created = writer.create(directory, object);
            if (created.isPresent()) {
                return Optional.of(journaled(directory, created.get(), JournalKind.CREATED));
            }
            return writer.locked(directory, write -> reviveLocked(directory, object, write));
        } catch (IOException e) {
            throw StoreIOException.of("create", directory.id(), directory.path(), root, e);
        }
    }

    /** Under the lock: writes the object over a directory without a live revision; empty if there is none. */
    private Optional<ObjectNode> reviveLocked(
            ObjectDirectory directory, ObjectNode object, ObjectWriter.LockedWrite write) throws IOException {
        Optional<List<String>> listed = reader.revisionNames(directory, CacheAdmission.NONE);
        if (listed.isEmpty()) {
            if (!Files.exists(directory.path(), LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            throw ObjectWriter.notAnObjectDirectory("create", directory);
        }
        List<String> names = listed.get();
        Optional<String> winner = Revisions.winner(names);
        if (winner.isPresent() && !reader.isDeleted(directory, winner.get())) {
            throw new ObjectAlreadyExistsException(directory.id(), directory.path());
        }
        long next = winner.map(w -> RevisionNames.numberOf(w) + 1).orElse(0L);
        return Optional.of(
                journaled(directory, write.writeOnTop(names, next, object, winner.orElse(null)), JournalKind.CREATED));
    }

    @Override
    public ObjectNode updateObject(ObjectNode object) {
        ObjectDirectory directory = object(Arguments.idOf(object));
        String base = Arguments.revisionOf(object).orElse(null);
        long next = base == null ? 1 : RevisionNames.numberOf(base) + 1;
        try {
            // whether it made a conflict is for the feed's readers to find out, off the write path
            return journaled(
                    directory, writer.writeUnlocked(directory, next, object, base), JournalKind.UPDATED_UNLOCKED);
        } catch (NoSuchFileException e) {
            throw new ObjectNotFoundException(directory.id(), directory.path());
        } catch (IOException e) {
            throw StoreIOException.of("update", directory.id(), directory.path(), root, e);
        }
    }

    @Override
    public ObjectNode updateObjectIfCurrent(ObjectNode object) {
        ObjectDirectory directory = object(Arguments.idOf(object));
        String expected = Arguments.requireRevisionOf(object);
        return locked("update", directory, write -> {
            ObjectReader.Current current = reader.requireLive(directory);
            String winner = current.winner().revision();
            if (!winner.equals(expected)) {
                throw new StaleRevisionException(directory.id(), directory.path(), expected, winner);
            }
            return journaled(
                    directory,
                    write.writeOnTop(current.names(), RevisionNames.numberOf(winner) + 1, object, winner),
                    JournalKind.UPDATED);
        });
    }

    @Override
    public ObjectNode updateObjectAtomically(String id, UnaryOperator<ObjectNode> change) {
        Objects.requireNonNull(change, "change must not be null");
        ObjectDirectory directory = object(id);
        return locked("update", directory, write -> {
            ObjectReader.Current current = reader.requireLive(directory);
            StoredRevision winner = current.winner();
            ObjectNode given = writer.withIdentity(id, winner.revision(), winner.content());
            ObjectNode changed = change.apply(given);
            if (changed == null) {
                throw new IllegalArgumentException("The change function for object '" + id
                        + "' returned null; return the changed object (or the one it was given, unchanged)");
            }
            JsonNode changedId = changed.get("_id");
            if (changedId != null
                    && !(changedId.isString() && changedId.asString().equals(id))) {
                throw new InvalidIdException(
                        changedId.toString(), "the change function for object '" + id + "' must keep its _id");
            }
            String base = winner.revision();
            long next = RevisionNames.numberOf(base) + 1;
            // The function got the engine's own copy: if it changed that copy, no second copy is made
            return journaled(
                    directory,
                    changed == given
                            ? write.writeOwnedOnTop(current.names(), next, changed, base)
                            : write.writeOnTop(current.names(), next, changed, base),
                    JournalKind.UPDATED);
        });
    }

    @Override
    public ObjectNode upsertObject(ObjectNode object) {
        ObjectDirectory directory = object(Arguments.idOf(object));
        return untilTheDirectoryStays("upsert", directory, () -> upsertOnce(directory, object));
    }

    /** One upsert; empty if the directory vanished under it (a compaction), so that it starts again. */
    private Optional<ObjectNode> upsertOnce(ObjectDirectory directory, ObjectNode object) {
        if (!Files.exists(directory.path(), LinkOption.NOFOLLOW_LINKS)) {
            try {
                return createOrRevive(directory, object);
            } catch (ObjectAlreadyExistsException raced) {
                // Another writer created it meanwhile: merge into theirs below.
            }
        }
        return locked("upsert", directory, write -> {
            Optional<ObjectReader.Current> current = reader.current(directory, CacheAdmission.NONE);
            if (current.isEmpty() || current.get().winner().deleted()) {
                return reviveLocked(directory, object, write);
            }
            ObjectNode merged = current.get().winner().content().deepCopy();
            object.properties()
                    .forEach(
                            field -> merged.set(field.getKey(), field.getValue().deepCopy()));
            String base = current.get().winner().revision();
            return Optional.of(journaled(
                    directory,
                    write.writeOwnedOnTop(current.get().names(), RevisionNames.numberOf(base) + 1, merged, base),
                    JournalKind.UPDATED));
        });
    }

    @Override
    public String deleteObject(String id) {
        ObjectDirectory directory = object(id);
        return locked("delete", directory, write -> {
                    ObjectReader.Current current = reader.requireLive(directory);
                    String base = current.winner().revision();
                    return journaled(
                            directory,
                            write.writeOnTop(
                                    current.names(), RevisionNames.numberOf(base) + 1, writer.tombstone(), base),
                            JournalKind.DELETED);
                })
                .get("_rev")
                .asString();
    }

    @Override
    public ObjectNode resolveConflict(String id, String winningRevision) {
        ObjectDirectory directory = object(id);
        Arguments.requireRevisionName(winningRevision, "a revision looks like <N>-<32 hex>");
        return locked("resolve a conflict", directory, write -> {
            List<String> names = reader.requireRevisionNames(directory);
            if (!names.contains(winningRevision)) {
                throw ObjectReader.missingRevision(directory, names, winningRevision);
            }
            long number = RevisionNames.numberOf(winningRevision);
            directory.retire(names.stream()
                    .filter(rival -> !rival.equals(winningRevision) && RevisionNames.numberOf(rival) == number)
                    .toList());
            StoredRevision now =
                    reader.winner(directory).orElseThrow(() -> new ObjectNotFoundException(id, directory.path()));
            directory.journal(now.revision(), JournalKind.RESOLVED);
            return writer.withIdentity(id, now.revision(), now.content());
        });
    }

    @Override
    public ObjectNode resolveConflict(ObjectNode merged) {
        ObjectDirectory directory = object(Arguments.idOf(merged));
        String expected = Arguments.requireRevisionOf(merged);
        return locked("resolve conflicts", directory, write -> {
            List<String> names = reader.requireRevisionNames(directory);
            String winner = Revisions.winner(names)
                    .orElseThrow(() -> new ObjectNotFoundException(directory.id(), directory.path()));
            if (!winner.equals(expected)) {
                throw new StaleRevisionException(directory.id(), directory.path(), expected, winner);
            }
            // Each group keeps the revision readers elect, so the history stays continuous; its rivals retire.
            List<String> rivals = new ArrayList<>();
            for (List<String> group : Revisions.conflicts(names)) {
                rivals.addAll(group.subList(0, group.size() - 1));
            }
            // Written first: if the write fails (a full disk), nothing was retired; once it is written, the rivals
            // no longer win, so retiring them after changes nothing a reader sees.
            ObjectNode written = write.write(RevisionNames.numberOf(winner) + 1, merged, winner);
            directory.retire(rivals);
            return journaled(directory, written, JournalKind.RESOLVED);
        });
    }

    /**
     * Appends a written revision to the change journal (under the object's lock when the write holds it, so one
     * object's records are in the order of its writes); never fails the write.
     */
    private static ObjectNode journaled(ObjectDirectory directory, ObjectNode written, JournalKind kind) {
        directory.journal(written.get("_rev").asString(), kind);
        return written;
    }

    /** Runs a locked step, mapping a vanished directory to not-found and I/O errors to the API's. */
    private <T> T locked(String action, ObjectDirectory directory, ObjectWriter.LockedStep<T> step) {
        try {
            return writer.locked(directory, step);
        } catch (NoSuchFileException e) {
            throw new ObjectNotFoundException(directory.id(), directory.path());
        } catch (IOException e) {
            throw StoreIOException.of(action, directory.id(), directory.path(), root, e);
        }
    }

    /**
     * Runs an attempt again while it finds that the object directory vanished under it (empty), a bounded number
     * of times: each round means another process removed the directory anew.
     */
    private static ObjectNode untilTheDirectoryStays(
            String action, ObjectDirectory directory, Supplier<Optional<ObjectNode>> attempt) {
        for (int round = 1; round <= VANISHED_DIRECTORY_ATTEMPTS; round++) {
            Optional<ObjectNode> done = attempt.get();
            if (done.isPresent()) {
                return done.get();
            }
        }
        throw new StoreException(
                "Could not " + action + " object '" + directory.id() + "': its directory " + directory.path()
                        + " was removed and recreated " + VANISHED_DIRECTORY_ATTEMPTS + " times meanwhile; try again",
                directory.id(),
                directory.path(),
                null);
    }

    // ---- reads --------------------------------------------------------------------------------------------

    @Override
    public ObjectNode getObject(String id) {
        return findObject(id)
                .orElseThrow(() -> new ObjectNotFoundException(id, object(id).path()));
    }

    @Override
    public Optional<ObjectNode> findObject(String id) {
        return reader.winner(object(id))
                .filter(current -> !current.deleted())
                .map(current -> writer.withIdentity(id, current.revision(), current.content()));
    }

    @Override
    public boolean exists(String id) {
        return reader.winner(object(id)).filter(current -> !current.deleted()).isPresent();
    }

    @Override
    public List<List<String>> getConflicts(String id) {
        return Revisions.conflicts(reader.requireRevisionNames(object(id)));
    }

    @Override
    public Map<String, List<List<String>>> getAllConflicts() {
        ensureOpen();
        return scans.allConflicts();
    }

    @Override
    public Map<String, List<List<String>>> getConflictsOfLiveObjects() {
        ensureOpen();
        return scans.conflictsOfLiveObjects();
    }

    @Override
    public List<String> resolveCapturedConflicts(String id) {
        ObjectDirectory directory = object(id);
        try {
            return captured.resolve(directory);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new StoreIOException("resolve captured conflicts", id, directory.path(), e);
        }
    }

    @Override
    public Map<String, List<String>> resolveCapturedConflicts() {
        Map<String, List<String>> retired = new TreeMap<>();
        for (String id : getAllConflicts().keySet()) {
            List<String> revisions = resolveCapturedConflicts(id);
            if (!revisions.isEmpty()) {
                retired.put(id, revisions);
            }
        }
        return retired;
    }

    @Override
    public Instant getRevisionTime(String id, String revision) {
        ObjectDirectory directory = object(id);
        Arguments.requireRevisionName(revision, "a revision looks like <N>-<32 hex>");
        try {
            return Files.getLastModifiedTime(directory.file(revision), LinkOption.NOFOLLOW_LINKS)
                    .toInstant();
        } catch (NoSuchFileException e) {
            throw new ObjectNotFoundException(id, directory.file(revision));
        } catch (IOException e) {
            throw new StoreIOException("read the time of revision " + revision, id, directory.path(), e);
        }
    }

    @Override
    public List<String> getRevisions(String id) {
        return Revisions.history(reader.requireRevisionNames(object(id)));
    }

    @Override
    public ObjectNode getRevision(String id, String revision) {
        ObjectDirectory directory = object(id);
        Arguments.requireRevisionName(revision, "a revision looks like <N>-<32 hex>");
        List<String> names = reader.requireRevisionNames(directory);
        return writer.withIdentity(
                id, revision, reader.revision(directory, names, revision).content());
    }

    @Override
    public List<ObjectNode> getAllObjects() {
        ensureOpen();
        return scans.allObjects();
    }

    @Override
    public Stream<ObjectNode> streamObjects() {
        ensureOpen();
        return scans.streamObjects();
    }

    @Override
    public long count() {
        ensureOpen();
        return scans.count();
    }

    @Override
    public Stream<String> streamIds() {
        ensureOpen();
        return scans.streamIds();
    }

    // ---- changes ------------------------------------------------------------------------------------------

    @Override
    public ChangeBatch changes(ChangeToken since) {
        ensureOpen();
        return feed.changes(since);
    }

    @Override
    public ChangeToken currentChangeToken() {
        ensureOpen();
        return feed.now();
    }

    @Override
    public ChangeToken oldestChangeToken() {
        ensureOpen();
        return feed.oldest();
    }

    @Override
    public ChangeSubscription subscribe(ChangeToken since, ChangeListener listener) {
        ensureOpen();
        return feed.subscribe(Objects.requireNonNull(since, "since must not be null"), listener);
    }

    @Override
    public ChangeSubscription subscribe(ChangeListener listener) {
        ensureOpen();
        return feed.subscribe(null, listener);
    }

    // ---- lifecycle ----------------------------------------------------------------------------------------

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        feed.close();
        files.close();
        scans.close();
        revisionFiles.clear();
        listings.clear();
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreClosedException(root);
        }
    }

    // ---- validation ---------------------------------------------------------------------------------------

    /** The directory of a validated id, in an open store. */
    private ObjectDirectory object(String id) {
        ensureOpen();
        try {
            return files.object(id);
        } catch (ObjectIds.UnencodableIdException e) {
            throw new InvalidIdException(id, e.getMessage());
        }
    }
}
