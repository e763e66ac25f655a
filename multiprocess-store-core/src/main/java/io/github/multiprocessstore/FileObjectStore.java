package io.github.multiprocessstore;

import io.github.multiprocessstore.format.ObjectIds;
import io.github.multiprocessstore.format.RevisionName;
import io.github.multiprocessstore.format.Revisions;
import io.github.multiprocessstore.format.StoreLayout;
import io.github.multiprocessstore.read.DirectoryListings;
import io.github.multiprocessstore.read.RevisionFiles;
import io.github.multiprocessstore.read.StoredRevision;
import io.github.multiprocessstore.write.AtomicFiles;
import io.github.multiprocessstore.write.ObjectLocks;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The file-system implementation of {@link ObjectStore}: composes the on-disk format ({@code format}), the write
 * path ({@code write}) and the read path ({@code read}). Holds no global lock; only operations that must write on
 * top of the current winner take that object's lock.
 */
final class FileObjectStore implements ObjectStore {

    private static final System.Logger LOG = System.getLogger(FileObjectStore.class.getName());
    private static final int READ_ATTEMPTS = 5;
    /** With the doubling pause this waits up to about half a second for a Node writer to finish a file. */
    private static final int CORRUPT_READ_ATTEMPTS = 9;
    /** A file that does not parse and is older than this is corrupt, not being written. */
    private static final Duration WRITE_IN_PROGRESS_WINDOW = Duration.ofSeconds(2);

    private final Path root;
    private final Path tempDirectory;
    private final Path trashDirectory;
    private final ObjectLocks locks;
    private final boolean durable;
    private final Clock clock;
    private final ThreadLocal<RandomGenerator> random;
    private final JsonMapper mapper;
    private final RevisionFiles revisionFiles;
    private final DirectoryListings listings;
    private final int historyLimit;

    /** The listing of an object directory under the object's lock, and the revision it elects. */
    private record Current(List<String> names, StoredRevision winner) {}

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
            Duration listingSettleTime) {
        this.historyLimit = historyLimit;
        this.root = layout.root();
        this.durable = durable;
        this.clock = clock;
        this.random = ThreadLocal.withInitial(randomSource);
        this.mapper = mapper;
        this.tempDirectory = layout.tempDirectory();
        this.trashDirectory = layout.trashDirectory();
        layout.create();
        this.locks = new ObjectLocks(layout.lockDirectory());
        // Three quarters of the read cache for parsed revisions, a quarter for directory listings.
        long listingBytes = keepListings ? readCacheBytes / 4 : 0;
        this.revisionFiles = new RevisionFiles(mapper, readCacheBytes - listingBytes);
        this.listings = new DirectoryListings(listingBytes, listingSettleTime);
        removeStaleTempFiles(clock.instant().minus(tempFileGracePeriod));
    }

    @Override
    public Path path() {
        return root;
    }

    // ---- writes -------------------------------------------------------------------------------------------

    @Override
    public ObjectNode createObject(ObjectNode object) {
        return createObject(object, true);
    }

    /** @param mayRetry whether to start again once if the directory that was in the way vanished (compaction) */
    private ObjectNode createObject(ObjectNode object, boolean mayRetry) {
        String id = idOf(object);
        String name = ObjectIds.encode(id);
        Path directory = root.resolve(name);
        String revision = newRevision(0);
        ObjectNode stored = withIdentity(id, revision, object);
        Path staging = newTempPath(".obj");
        try {
            // The object is assembled aside and appears with one rename: readers see nothing or all of it.
            Files.createDirectory(staging);
            byte[] bytes = serialize(stored);
            AtomicFiles.writeNewFile(staging.resolve(revision), bytes, durable);
            if (durable) {
                AtomicFiles.syncDirectory(staging);
            }
            try {
                AtomicFiles.moveAtomically(staging, directory);
            } catch (IOException taken) {
                AtomicFiles.deleteQuietlyIfPresent(staging);
                if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
                    if (mayRetry) {
                        return createObject(object, false); // removed meanwhile by a compaction
                    }
                    throw taken;
                }
                return createOverExisting(id, name, directory, object);
            }
            if (durable) {
                AtomicFiles.syncDirectory(root);
            }
            // as after an update: a read soon after the create (often the next step) need not read the file back
            revisionFiles.remember(
                    directory.resolve(revision), StoredRevision.of(revision, stored), bytes.length, null);
            return stored;
        } catch (IOException e) {
            deleteTempQuietly(staging);
            throw new StoreIOException("create", id, directory, e);
        }
    }

    /**
     * The directory exists: revive it if it holds no live revision, else the id is taken. If it was removed
     * meanwhile (a compaction removing a deleted object), the id is free again: create it anew, outside the lock.
     */
    private ObjectNode createOverExisting(String id, String name, Path directory, ObjectNode object)
            throws IOException {
        ObjectNode revived;
        try (LockedWrite write = new LockedWrite()) {
            revived = write.after(
                    id, directory, locks.withLock(name, () -> createOverExistingLocked(id, directory, object, write)));
        }
        return revived != null ? revived : createObject(object);
    }

    private ObjectNode createOverExistingLocked(String id, Path directory, ObjectNode object, LockedWrite write)
            throws IOException {
        List<String> names = listRevisionNames(id, directory);
        if (names == null) {
            if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
                return null; // removed meanwhile by a compaction: the caller creates it anew
            }
            throw new StoreException(
                    "Cannot create object '" + id + "': " + directory
                            + " exists but is not an object directory (a file or a symbolic link); remove it",
                    id,
                    directory,
                    null);
        }
        Optional<String> winner = Revisions.winner(names);
        if (winner.isPresent() && !isDeleted(id, directory, winner.get())) {
            throw new ObjectAlreadyExistsException(id, directory);
        }
        long next = winner.map(w -> RevisionName.numberOf(w) + 1).orElse(0L);
        return write.noteWrite(names, writeRevision(id, directory, next, object, write, winner.orElse(null)));
    }

    @Override
    public ObjectNode updateObject(ObjectNode object) {
        String id = idOf(object);
        Path directory = root.resolve(ObjectIds.encode(id));
        String base = revisionOf(object, false);
        long next = base == null ? 1 : RevisionName.numberOf(base) + 1;
        try {
            return writeRevision(id, directory, next, object, null, base);
        } catch (NoSuchFileException e) {
            throw new ObjectNotFoundException(id, directory);
        } catch (IOException e) {
            throw new StoreIOException("update", id, directory, e);
        }
    }

    @Override
    public ObjectNode updateObjectIfCurrent(ObjectNode object) {
        String id = idOf(object);
        String name = ObjectIds.encode(id);
        Path directory = root.resolve(name);
        String expected = revisionOf(object, true);
        try (LockedWrite write = new LockedWrite()) {
            return write.after(id, directory, underLock("update", id, name, directory, () -> {
                List<String> names = listRevisionNames(id, directory);
                String winner = names == null ? null : Revisions.winner(names).orElse(null);
                if (winner == null || isDeleted(id, directory, winner)) {
                    throw new ObjectNotFoundException(id, directory);
                }
                if (!winner.equals(expected)) {
                    throw new StaleRevisionException(id, directory, expected, winner);
                }
                return write.noteWrite(
                        names, writeRevision(id, directory, RevisionName.numberOf(winner) + 1, object, write, winner));
            }));
        }
    }

    @Override
    public ObjectNode updateObject(String id, UnaryOperator<ObjectNode> change) {
        Objects.requireNonNull(change, "change must not be null");
        String name = ObjectIds.encode(id);
        Path directory = root.resolve(name);
        try (LockedWrite write = new LockedWrite()) {
            return write.after(id, directory, underLock("update", id, name, directory, () -> {
                Current current = readCurrent(id, directory, true);
                if (current == null || current.winner().deleted()) {
                    throw new ObjectNotFoundException(id, directory);
                }
                StoredRevision winner = current.winner();
                ObjectNode changed = change.apply(withIdentity(id, winner.revision(), winner.content()));
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
                return write.noteWrite(
                        current.names(),
                        writeRevision(
                                id,
                                directory,
                                RevisionName.numberOf(winner.revision()) + 1,
                                changed,
                                write,
                                winner.revision()));
            }));
        }
    }

    @Override
    public ObjectNode upsertObject(ObjectNode object) {
        String id = idOf(object);
        String name = ObjectIds.encode(id);
        Path directory = root.resolve(name);
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            try {
                return createObject(object);
            } catch (ObjectAlreadyExistsException raced) {
                // Another writer created it meanwhile: merge into theirs below.
            }
        }
        ObjectNode upserted;
        try (LockedWrite write = new LockedWrite()) {
            upserted = write.after(id, directory, underLock("upsert", id, name, directory, () -> {
                Current current = readCurrent(id, directory, true);
                if (current == null || current.winner().deleted()) {
                    return createOverExistingLocked(id, directory, object, write);
                }
                ObjectNode merged = current.winner().content().deepCopy();
                object.properties()
                        .forEach(field ->
                                merged.set(field.getKey(), field.getValue().deepCopy()));
                String base = current.winner().revision();
                return write.noteWrite(
                        current.names(),
                        writeRevision(id, directory, RevisionName.numberOf(base) + 1, merged, write, base));
            }));
        }
        // null: the directory was removed meanwhile by a compaction; start again (it will be created).
        return upserted != null ? upserted : upsertObject(object);
    }

    @Override
    public String deleteObject(String id) {
        String name = ObjectIds.encode(id);
        Path directory = root.resolve(name);
        try (LockedWrite write = new LockedWrite()) {
            return write.after(id, directory, underLock("delete", id, name, directory, () -> {
                        Current current = readCurrent(id, directory, true);
                        if (current == null || current.winner().deleted()) {
                            throw new ObjectNotFoundException(id, directory);
                        }
                        ObjectNode tombstone = mapper.createObjectNode().put("_deleted", true);
                        String base = current.winner().revision();
                        return write.noteWrite(
                                current.names(),
                                writeRevision(id, directory, RevisionName.numberOf(base) + 1, tombstone, write, base));
                    }))
                    .get("_rev")
                    .asString();
        }
    }

    @Override
    public ObjectNode resolveConflict(String id, String winningRevision) {
        String name = ObjectIds.encode(id);
        Path directory = root.resolve(name);
        if (winningRevision == null || !RevisionName.isValid(winningRevision)) {
            throw new InvalidIdException("_rev", winningRevision, "a revision looks like <N>-<32 hex>");
        }
        return underLock("resolve a conflict", id, name, directory, () -> {
            List<String> names = listRevisionNames(id, directory);
            if (names == null || !names.contains(winningRevision)) {
                throw new ObjectNotFoundException(id, directory.resolve(winningRevision));
            }
            long number = RevisionName.numberOf(winningRevision);
            retire(
                    name,
                    directory,
                    names.stream()
                            .filter(rival -> !rival.equals(winningRevision) && RevisionName.numberOf(rival) == number)
                            .toList());
            StoredRevision now = readWinner(id, directory);
            if (now == null) {
                throw new ObjectNotFoundException(id, directory);
            }
            return withIdentity(id, now.revision(), now.content());
        });
    }

    @Override
    public ObjectNode resolveConflict(ObjectNode merged) {
        String id = idOf(merged);
        String name = ObjectIds.encode(id);
        Path directory = root.resolve(name);
        String expected = revisionOf(merged, true);
        try (LockedWrite write = new LockedWrite()) {
            return underLock("resolve conflicts", id, name, directory, () -> {
                List<String> names = listRevisionNames(id, directory);
                String winner = names == null ? null : Revisions.winner(names).orElse(null);
                if (winner == null) {
                    throw new ObjectNotFoundException(id, directory);
                }
                if (!winner.equals(expected)) {
                    throw new StaleRevisionException(id, directory, expected, winner);
                }
                // Each group keeps the revision readers elect, so the history stays continuous; its rivals retire.
                List<String> rivals = new ArrayList<>();
                for (List<String> group : Revisions.conflicts(names)) {
                    rivals.addAll(group.subList(0, group.size() - 1));
                }
                retire(name, directory, rivals);
                return writeRevision(id, directory, RevisionName.numberOf(winner) + 1, merged, write, winner);
            });
        }
    }

    /**
     * Moves revisions out of the object directory into its trash, where they stay readable for recovery and
     * serve as the record that keeps them retired when stores replicate. Call under the object's lock.
     */
    private void retire(String name, Path directory, List<String> revisions) throws IOException {
        retire(name, directory, revisions, false);
    }

    /** @param skipVanished whether a revision already gone (retired by another process) is skipped */
    private void retire(String name, Path directory, List<String> revisions, boolean skipVanished) throws IOException {
        if (revisions.isEmpty()) {
            return;
        }
        Path trash = trashDirectory.resolve(name);
        Files.createDirectories(trash);
        for (String revision : revisions) {
            try {
                AtomicFiles.moveAtomically(directory.resolve(revision), trash.resolve(revision));
            } catch (NoSuchFileException vanished) {
                if (!skipVanished) {
                    throw vanished;
                }
            }
        }
        if (durable) {
            AtomicFiles.syncDirectory(directory);
            AtomicFiles.syncDirectory(trash);
        }
    }

    /**
     * One write under an object's lock, seen from outside the lock. Its temp file is created before the lock is
     * taken, so that allocating the inode (the slowest step of a write, and far slower for minutes after many
     * files were deleted on some file systems) does not make other writers of the object wait; it is filled under
     * the lock, and removed at {@link #close()} if the write did not happen (not found, stale).
     *
     * <p>It also keeps the object directory small, so that listing it (every read does) costs the same however
     * often the object was written: once the write leaves more than {@code historyLimit} revisions, the oldest go
     * to the trash like a compaction's, down to half the limit; the winner and every revision of a conflict stay.
     * The write notes what it left under the lock; the moves happen after the lock is released, which is safe: only
     * revisions older than the new winner move, a locked writer never creates a conflict, and a revision another
     * process retired first is skipped.
     */
    private final class LockedWrite implements AutoCloseable {

        private final Path tempPath;
        private FileChannel temp;
        private List<String> after;

        LockedWrite() {
            Path path = newTempPath(".rev");
            FileChannel channel = null;
            try {
                channel = AtomicFiles.createNew(path);
            } catch (IOException e) {
                // writeRevision makes its own temp file and reports the problem if it persists
            }
            this.tempPath = path;
            this.temp = channel;
        }

        /** Under the lock: the reserved temp file, handed over once (the caller then owns it), or null. */
        FileChannel takeTemp() {
            FileChannel taken = temp;
            temp = null;
            return taken;
        }

        Path tempPath() {
            return tempPath;
        }

        /** Under the lock: notes the names the write leaves, if they exceed the limit. */
        ObjectNode noteWrite(List<String> before, ObjectNode written) {
            if (historyLimit != 0 && before.size() + 1 > historyLimit) {
                after = new ArrayList<>(before.size() + 1);
                after.addAll(before);
                after.add(written.get("_rev").asString());
            }
            return written;
        }

        /** After the lock: retires what the write left beyond the limit, and passes the write's result on. */
        <T> T after(String id, Path directory, T result) {
            if (after != null) {
                List<String> retirees = Revisions.oldestOutsideConflicts(after, Math.max(1, (historyLimit + 1) / 2));
                try {
                    retire(directory.getFileName().toString(), directory, retirees, true);
                } catch (IOException e) {
                    // The write itself succeeded; the next locked write of the object tries again.
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "Could not move old revisions of object ''" + id + "'' in " + directory + " to the trash",
                            e);
                }
            }
            return result;
        }

        /** Removes the temp file if no write took it. */
        @Override
        public void close() {
            FileChannel unused = takeTemp();
            if (unused != null) {
                try {
                    unused.close();
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.DEBUG, "Could not close temp file " + tempPath, e);
                }
                deleteTempQuietly(tempPath);
            }
        }
    }

    // ---- reads --------------------------------------------------------------------------------------------

    @Override
    public ObjectNode getObject(String id) {
        return findObject(id).orElseThrow(() -> new ObjectNotFoundException(id, root.resolve(ObjectIds.encode(id))));
    }

    @Override
    public Optional<ObjectNode> findObject(String id) {
        Path directory = root.resolve(ObjectIds.encode(id));
        StoredRevision current = readWinner(id, directory);
        if (current == null || current.deleted()) {
            return Optional.empty();
        }
        return Optional.of(withIdentity(id, current.revision(), current.content()));
    }

    @Override
    public boolean exists(String id) {
        StoredRevision current = readWinner(id, root.resolve(ObjectIds.encode(id)));
        return current != null && !current.deleted();
    }

    @Override
    public List<List<String>> getConflicts(String id) {
        return Revisions.conflicts(requireRevisionNames(id));
    }

    @Override
    public Map<String, List<List<String>>> getAllConflicts() {
        Map<String, List<List<String>>> conflicts = new TreeMap<>();
        try (Stream<String> ids = ids(false)) {
            ids.forEach(id -> {
                List<String> names = listRevisionNames(id, root.resolve(ObjectIds.encode(id)), false);
                if (names != null && Revisions.hasConflict(names)) {
                    conflicts.put(id, Revisions.conflicts(names));
                }
            });
        }
        return conflicts;
    }

    @Override
    public List<String> getRevisions(String id) {
        return Revisions.history(requireRevisionNames(id));
    }

    @Override
    public ObjectNode getRevision(String id, String revision) {
        Path directory = root.resolve(ObjectIds.encode(id));
        if (revision == null || !RevisionName.isValid(revision)) {
            throw new InvalidIdException("_rev", revision, "a revision looks like <N>-<32 hex>");
        }
        if (listRevisionNames(id, directory) == null) {
            throw new ObjectNotFoundException(id, directory);
        }
        try {
            StoredRevision stored = readRevision(id, directory, revision);
            return withIdentity(id, revision, stored.content());
        } catch (NoSuchFileException e) {
            throw new ObjectNotFoundException(id, directory.resolve(revision));
        } catch (IOException e) {
            throw new StoreIOException("read revision " + revision, id, directory, e);
        }
    }

    @Override
    public List<ObjectNode> getAllObjects() {
        // Every object is held in memory anyway, so the names are read at once: File.list makes no Path per entry.
        String[] names = root.toFile().list();
        List<String> ids = new ArrayList<>(names == null ? 16 : names.length);
        if (names != null) {
            for (String name : names) {
                String id = idOfName(name);
                if (id != null) {
                    ids.add(id);
                }
            }
        } else {
            try (Stream<String> stream = ids(false)) { // reports why the root cannot be listed
                stream.forEach(ids::add);
            }
        }
        ids.sort(null);
        return ParallelReads.map(ids, this::readLiveOrSkip);
    }

    @Override
    public Stream<ObjectNode> streamObjects() {
        Stream<String> ids = ids(false);
        return ids.map(this::readLiveOrSkip).filter(Objects::nonNull).onClose(ids::close);
    }

    @Override
    public long count() {
        try (Stream<String> ids = ids(false)) {
            return ParallelReads.count(ids, id -> readLiveOrSkip(id) != null);
        }
    }

    @Override
    public Stream<String> streamIds() {
        return ids(true);
    }

    /**
     * The ids of the store's top-level entries.
     *
     * @param onlyDirectories whether to check that each entry is a directory; scans that go on to list each
     *                        object directory pass false, since that listing refuses (and logs) anything else
     */
    private Stream<String> ids(boolean onlyDirectories) {
        DirectoryStream<Path> entries;
        try {
            entries = Files.newDirectoryStream(root);
        } catch (IOException e) {
            throw new StoreIOException("list objects", null, root, e);
        }
        Iterator<Path> iterator = entries.iterator();
        Iterator<Path> checked = new Iterator<>() {
            @Override
            public boolean hasNext() {
                try {
                    return iterator.hasNext();
                } catch (DirectoryIteratorException e) {
                    throw new StoreIOException("list objects", null, root, e.getCause());
                }
            }

            @Override
            public Path next() {
                return iterator.next();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(checked, Spliterator.ORDERED), false)
                .map(entry -> idOfEntry(entry, onlyDirectories))
                .filter(Objects::nonNull)
                .onClose(() -> {
                    try {
                        entries.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /** The id an entry at the store's top level holds, or null for dot-names and foreign entries. */
    private String idOfEntry(Path entry, boolean onlyDirectories) {
        String id = idOfName(entry.getFileName().toString());
        if (id == null) {
            return null;
        }
        if (onlyDirectories && !Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
            revisionFiles.warnOnce(entry, "is not a directory (a file or symbolic link); not an object");
            return null;
        }
        return id;
    }

    /** The id a top-level name stands for, or null for dot-names and foreign names (logged once). */
    private String idOfName(String name) {
        if (name.startsWith(".")) {
            return null;
        }
        String id = ObjectIds.decode(name);
        if (id == null) {
            revisionFiles.warnOnce(root.resolve(name), "is not a name this store gives objects; ignored");
        }
        return id;
    }

    private ObjectNode readLiveOrSkip(String id) {
        try {
            StoredRevision current = readWinner(id, root.resolve(ObjectIds.encode(id)), false);
            return current == null || current.deleted()
                    ? null
                    : withIdentity(id, current.revision(), current.content());
        } catch (CorruptRevisionException e) {
            LOG.log(System.Logger.Level.WARNING, "Skipping object ''{0}'': {1}", id, e.getMessage());
            return null;
        }
    }

    /**
     * The winner's content, or null if there is no object directory or it holds no revision. Re-lists when the
     * elected file disappears (a resolution moved it) and re-reads a file that does not parse yet (the original
     * npm package writes its files in place, so a Node writer may still be filling it).
     */
    private StoredRevision readWinner(String id, Path directory) {
        return readWinner(id, directory, true);
    }

    /** @param keep whether to add the winner to the read cache (false for scans of the whole store) */
    private StoredRevision readWinner(String id, Path directory, boolean keep) {
        Current current = readCurrent(id, directory, keep);
        return current == null ? null : current.winner();
    }

    /** The listing and its winner's content, or null if there is no object directory or it holds no revision. */
    private Current readCurrent(String id, Path directory, boolean keep) {
        for (int attempt = 1; ; attempt++) {
            List<String> names = listRevisionNames(id, directory, keep);
            if (names == null) {
                return null;
            }
            Optional<String> winner = Revisions.winner(names);
            if (winner.isEmpty()) {
                revisionFiles.warnOnce(
                        directory,
                        "is an object directory without any revision file "
                                + "(left by a crashed writer?); the object is treated as absent");
                return null;
            }
            try {
                return new Current(
                        names, revisionFiles.readCached(id, directory.resolve(winner.get()), winner.get(), keep));
            } catch (NoSuchFileException vanished) {
                if (attempt == READ_ATTEMPTS) {
                    throw new StoreIOException("read the winning revision", id, directory, vanished);
                }
            } catch (CorruptRevisionException corrupt) {
                if (attempt == CORRUPT_READ_ATTEMPTS || !isRecentlyModified(directory.resolve(winner.get()))) {
                    throw corrupt;
                }
                pause(attempt);
            } catch (IOException e) {
                throw new StoreIOException("read the winning revision", id, directory.resolve(winner.get()), e);
            }
        }
    }

    /** Whether a revision is a tombstone; through the read cache, as the winner was usually just read. */
    private boolean isDeleted(String id, Path directory, String revision) throws IOException {
        return revisionFiles
                .readCached(id, directory.resolve(revision), revision, true)
                .deleted();
    }

    private StoredRevision readRevision(String id, Path directory, String revision) throws IOException {
        return revisionFiles.read(id, directory.resolve(revision), revision);
    }

    private List<String> requireRevisionNames(String id) {
        Path directory = root.resolve(ObjectIds.encode(id));
        List<String> names = listRevisionNames(id, directory);
        if (names == null) {
            throw new ObjectNotFoundException(id, directory);
        }
        return names;
    }

    private List<String> listRevisionNames(String id, Path directory) {
        return listRevisionNames(id, directory, true);
    }

    /**
     * The file names in an object directory (non-revision names are logged and left out), or null if there is no
     * object directory. A symbolic link is never followed: it is not an object directory. A listing kept from an
     * earlier call is used while the directory's state shows it cannot have changed ({@link DirectoryListings}).
     *
     * @param keep whether a new listing may push others out of the kept ones (false for scans of the whole store)
     * @return the names, unmodifiable
     */
    private List<String> listRevisionNames(String id, Path directory, boolean keep) {
        DirectoryListings.State state;
        try {
            state = listings.state(directory);
        } catch (IOException e) {
            throw new StoreIOException("inspect the object directory", id, directory, e);
        }
        if (state == null) {
            return null;
        }
        if (!state.isDirectory()) {
            revisionFiles.warnOnce(directory, "is not a directory (a file or symbolic link); not an object");
            return null;
        }
        List<String> kept = listings.kept(directory, state);
        if (kept != null) {
            return kept;
        }
        String[] entries = listNames(id, directory);
        if (entries == null) {
            return null;
        }
        List<String> names = new ArrayList<>(entries.length);
        for (String name : entries) {
            if (RevisionName.isValid(name)) {
                names.add(name);
            } else {
                revisionFiles.warnOnce(directory.resolve(name), "is not a revision file name (<N>-<32 hex>); ignored");
            }
        }
        List<String> listed = Collections.unmodifiableList(names);
        listings.keep(directory, state, listed, keep);
        return listed;
    }

    /**
     * The names in a directory, or null if it is gone. {@link File#list()} takes four system calls where
     * {@link Files#newDirectoryStream} takes nine, on the path every read and write goes through; it reports no
     * cause, so a failure is retried the slower way to get one. Like the stream, it follows a symbolic link: the
     * caller has just refused one with a stat that does not follow links.
     */
    private static String[] listNames(String id, Path directory) {
        String[] names = directory.toFile().list();
        if (names != null) {
            return names;
        }
        List<String> listed = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            entries.forEach(entry -> listed.add(entry.getFileName().toString()));
        } catch (NoSuchFileException | NotDirectoryException e) {
            return null;
        } catch (IOException e) {
            throw new StoreIOException("list revisions", id, directory, e);
        } catch (DirectoryIteratorException e) {
            throw new StoreIOException("list revisions", id, directory, e.getCause());
        }
        return listed.toArray(String[]::new);
    }

    /** Refuses to write through a symbolic link (or into a file) standing where the object directory should be. */
    private void requireRealDirectory(String id, Path directory) throws IOException {
        BasicFileAttributes attributes =
                Files.readAttributes(directory, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isDirectory()) {
            throw new StoreException(
                    "Cannot write object '" + id + "': " + directory
                            + " is not an object directory (a file or a symbolic link); remove it",
                    id,
                    directory,
                    null);
        }
    }

    /**
     * Writes a new revision on top of the given number.
     *
     * @param lockedWrite the write this is, when the caller holds the object's lock and has just listed the
     *                    directory, which showed it is a real directory (a link or a file fails the listing), so
     *                    need not be checked again; its reserved temp file is used. Null for a plain update.
     * @param base        the revision the write supersedes (dropped from the read cache), or null
     */
    private ObjectNode writeRevision(
            String id, Path directory, long number, ObjectNode object, LockedWrite lockedWrite, String base)
            throws IOException {
        String revision = newRevision(number);
        ObjectNode stored = withIdentity(id, revision, object);
        if (lockedWrite == null) {
            requireRealDirectory(id, directory);
        }
        FileChannel reserved = lockedWrite == null ? null : lockedWrite.takeTemp();
        Path temp = reserved != null ? lockedWrite.tempPath() : newTempPath(".rev");
        byte[] bytes = serialize(stored);
        try {
            if (reserved != null) {
                AtomicFiles.fillAndClose(reserved, bytes, durable);
            } else {
                AtomicFiles.writeNewFile(temp, bytes, durable);
            }
            for (int attempt = 1; ; attempt++) {
                try {
                    AtomicFiles.publishNew(temp, directory.resolve(revision));
                    break;
                } catch (FileAlreadyExistsException taken) {
                    // Only a broken random source repeats a name; never replace the other writer's revision.
                    if (attempt == 3) {
                        throw taken;
                    }
                    revision = newRevision(number);
                    stored.put("_rev", revision);
                    AtomicFiles.deleteQuietlyIfPresent(temp);
                    bytes = serialize(stored);
                    AtomicFiles.writeNewFile(temp, bytes, durable);
                }
            }
        } catch (IOException e) {
            if (reserved != null && reserved.isOpen()) {
                reserved.close();
            }
            deleteTempQuietly(temp);
            throw e;
        }
        if (durable) {
            AtomicFiles.syncDirectory(directory);
        }
        revisionFiles.remember(
                directory.resolve(revision),
                StoredRevision.of(revision, stored),
                bytes.length,
                base == null ? null : directory.resolve(base));
        return stored;
    }

    /** Runs a read-then-write step under the object's lock, mapping a vanished directory to not-found. */
    private <T> T underLock(String action, String id, String name, Path directory, ObjectLocks.LockedAction<T> step) {
        try {
            return locks.withLock(name, step);
        } catch (NoSuchFileException e) {
            throw new ObjectNotFoundException(id, directory);
        } catch (IOException e) {
            throw new StoreIOException(action, id, directory, e);
        }
    }

    private String newRevision(long number) {
        return RevisionName.random(number, random.get()).name();
    }

    private Path newTempPath(String suffix) {
        StringBuilder name =
                new StringBuilder(48).append(ProcessHandle.current().pid()).append('-');
        RevisionName.appendRandomHex(name, random.get(), 16);
        return tempDirectory.resolve(name.append(suffix).toString());
    }

    private void deleteTempQuietly(Path temp) {
        try {
            AtomicFiles.deleteQuietlyIfPresent(temp);
        } catch (IOException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Could not remove temp file " + temp + "; it will be removed after the grace period",
                    e);
        }
    }

    /** Removes temp files of writers that crashed: only those older than the grace period, never a live one's. */
    private void removeStaleTempFiles(Instant olderThan) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(tempDirectory)) {
            for (Path entry : entries) {
                Instant modified = Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS)
                        .toInstant();
                if (modified.isBefore(olderThan)) {
                    LOG.log(System.Logger.Level.INFO, "Removing temp file {0} left by a crashed writer", entry);
                    AtomicFiles.deleteQuietlyIfPresent(entry);
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not clean up temp files in " + tempDirectory, e);
        }
    }

    private String idOf(ObjectNode object) {
        Objects.requireNonNull(object, "object must not be null");
        JsonNode id = object.get("_id");
        if (id == null || !id.isString()) {
            throw new InvalidIdException(id == null ? null : id.toString(), "the object needs a string _id");
        }
        return id.asString();
    }

    private static String revisionOf(ObjectNode object, boolean required) {
        JsonNode revision = object.get("_rev");
        if (revision == null || revision.isNull()) {
            if (required) {
                throw new InvalidIdException(
                        "_rev", null, "a strict update needs the _rev it was read at; read the object first");
            }
            return null;
        }
        String text = revision.isString() ? revision.asString() : revision.toString();
        if (!RevisionName.isValid(text)) {
            throw new InvalidIdException("_rev", text, "a revision looks like <N>-<32 hex>, as returned by a read");
        }
        return text;
    }

    /** A copy of the object with {@code _id} and {@code _rev} first, taken from the path, never from contents. */
    private ObjectNode withIdentity(String id, String revision, ObjectNode content) {
        ObjectNode result = mapper.createObjectNode();
        result.put("_id", id);
        result.put("_rev", revision);
        for (Map.Entry<String, JsonNode> field : content.properties()) {
            String key = field.getKey();
            if (!key.equals("_id") && !key.equals("_rev")) {
                result.set(key, field.getValue().deepCopy());
            }
        }
        return result;
    }

    private byte[] serialize(ObjectNode stored) {
        return mapper.writeValueAsBytes(stored);
    }

    /** Whether a file may still be being written in place (by the original npm package, which does that). */
    private boolean isRecentlyModified(Path file) {
        try {
            Instant modified =
                    Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant();
            return modified.isAfter(clock.instant().minus(WRITE_IN_PROGRESS_WINDOW));
        } catch (IOException e) {
            return false;
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(1L << attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
