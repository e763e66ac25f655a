package io.github.multiprocessstore;

import io.github.multiprocessstore.internal.format.RevisionNames;
import io.github.multiprocessstore.internal.format.Revisions;
import io.github.multiprocessstore.internal.read.RevisionFiles;
import io.github.multiprocessstore.internal.read.StoredRevision;
import io.github.multiprocessstore.internal.store.ObjectDirectory;
import io.github.multiprocessstore.internal.store.StoreFiles;
import io.github.multiprocessstore.internal.write.AtomicFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The write side of {@link FileObjectStore}: makes revisions (temp file, optional fsync, atomic publish that never
 * replaces a file), creates objects with one directory rename, and runs writes under an object's lock as one
 * {@linkplain #locked call} that owns the temp file made before the lock and the retirements made after it.
 */
final class ObjectWriter {

    private static final System.Logger LOG = System.getLogger(FileObjectStore.class.getName());
    /** Only a broken random source repeats a name; never replace the other writer's revision. */
    private static final int PUBLISH_ATTEMPTS = 3;
    /** A new object's directory is renamed into place again if the directory in its way vanished meanwhile. */
    private static final int MOVE_ATTEMPTS = 3;

    /** A step run under an object's lock, given the write it may make. */
    @FunctionalInterface
    interface LockedStep<T> {
        T run(LockedWrite write) throws IOException;
    }

    private final StoreFiles files;
    private final JsonMapper mapper;
    private final ThreadLocal<RandomGenerator> random;
    private final RevisionFiles revisionFiles;
    private final int historyLimit;
    private final long maxObjectSize;

    ObjectWriter(
            StoreFiles files,
            JsonMapper mapper,
            Supplier<RandomGenerator> randomSource,
            RevisionFiles revisionFiles,
            int historyLimit,
            long maxObjectSize) {
        this.files = files;
        this.mapper = mapper;
        this.random = ThreadLocal.withInitial(randomSource);
        this.revisionFiles = revisionFiles;
        this.historyLimit = historyLimit;
        this.maxObjectSize = maxObjectSize;
    }

    /** Serializes a revision, refusing one over the maximum object size before anything is written. */
    private byte[] serialize(ObjectDirectory object, ObjectNode stored) {
        byte[] bytes = mapper.writeValueAsBytes(stored);
        if (bytes.length > maxObjectSize) {
            throw new ObjectTooLargeException(object.id(), object.path(), bytes.length, maxObjectSize);
        }
        return bytes;
    }

    /**
     * Creates an object at revision 0: assembled aside and renamed into place, so readers see nothing or all of it.
     *
     * @return the stored object, or empty if the object directory exists already (nothing was written)
     */
    Optional<ObjectNode> create(ObjectDirectory object, ObjectNode content) throws IOException {
        String revision = newRevision(0);
        ObjectNode stored = withIdentity(object.id(), revision, content);
        byte[] bytes = serialize(object, stored);
        Path staging = files.newTempPath(".obj");
        try {
            files.modes().createDirectory(staging);
            AtomicFiles.writeNewFile(staging.resolve(revision), bytes, files.durable(), files.modes());
            if (files.durable()) {
                AtomicFiles.syncDirectory(staging);
            }
            for (int attempt = 1; ; attempt++) {
                try {
                    AtomicFiles.moveAtomically(staging, object.path());
                    break;
                } catch (IOException taken) {
                    if (Files.exists(object.path(), LinkOption.NOFOLLOW_LINKS)) {
                        files.deleteTemp(staging);
                        return Optional.empty(); // the caller decides what the existing directory means
                    }
                    // In the way, then removed (a compaction removing a deleted object): the name is free again.
                    if (attempt == MOVE_ATTEMPTS) {
                        throw taken;
                    }
                }
            }
        } catch (IOException e) {
            files.deleteTemp(staging);
            throw e;
        }
        if (files.durable()) {
            AtomicFiles.syncDirectory(files.root());
        }
        // as after an update: a read soon after the create (often the next step) need not read the file back
        revisionFiles.remember(object.file(revision), StoredRevision.of(revision, stored), bytes.length, null);
        return Optional.of(stored);
    }

    /**
     * The plain update's write, without the lock: refuses to write through a symbolic link (or into a file)
     * standing where the object directory should be.
     */
    ObjectNode writeUnlocked(ObjectDirectory object, long number, ObjectNode content, String base) throws IOException {
        BasicFileAttributes attributes =
                Files.readAttributes(object.path(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isDirectory()) {
            throw notAnObjectDirectory("write", object);
        }
        return write(object, null, number, content, base, false);
    }

    /** The error for a file or a symbolic link standing where an object directory should be. */
    static StoreException notAnObjectDirectory(String action, ObjectDirectory object) {
        return new StoreException(
                "Cannot " + action + " object '" + object.id() + "': " + object.path()
                        + " is not an object directory (a file or a symbolic link); remove it",
                object.id(),
                object.path(),
                null);
    }

    /**
     * Runs a step under the object's lock. Its temp file is created before the lock is taken, so that allocating
     * the inode (the slowest step of a write, and far slower for minutes after many files were deleted on some file
     * systems) does not make other writers of the object wait; it is filled under the lock, and removed at the end
     * if the step wrote nothing (not found, stale).
     *
     * <p>It also keeps the object directory small, so that listing it (every read does) costs the same however
     * often the object was written: once a write leaves more than {@code historyLimit} revisions, the oldest go to
     * the trash like a compaction's, down to half the limit; the winner and every revision of a conflict stay. The
     * moves happen after the lock is released, which is safe: only revisions older than the new winner move, a
     * locked writer never creates a conflict, and a revision another process retired first is left as it is.
     */
    <T> T locked(ObjectDirectory object, LockedStep<T> step) throws IOException {
        try (LockedWrite write = new LockedWrite(object)) {
            T result = object.lock(() -> step.run(write));
            write.retireBeyondHistoryLimit();
            return result;
        }
    }

    /** The one write a {@linkplain #locked locked step} may make, with its temp file reserved before the lock. */
    final class LockedWrite implements AutoCloseable {

        private final ObjectDirectory object;
        private final Path tempPath;
        private FileChannel temp;
        private List<String> after;

        private LockedWrite(ObjectDirectory object) {
            this.object = object;
            this.tempPath = files.newTempPath(".rev");
            FileChannel channel = null;
            try {
                channel = files.modes().createFile(tempPath);
            } catch (IOException e) {
                // the write makes its own temp file and reports the problem if it persists
            }
            this.temp = channel;
        }

        /**
         * Writes a revision on top of the listing just taken under the lock (which showed a real directory: a link
         * or a file fails the listing), noting what the history limit will retire once the lock is released.
         */
        ObjectNode writeOnTop(List<String> before, long number, ObjectNode content, String base) throws IOException {
            return writeOnTop(before, number, content, base, false);
        }

        /**
         * Like {@link #writeOnTop(List, long, ObjectNode, String)}, for content this write may take as it is: a copy
         * the engine made and nobody else holds (a change function's result, a merge), which spares a second copy.
         */
        ObjectNode writeOwnedOnTop(List<String> before, long number, ObjectNode content, String base)
                throws IOException {
            return writeOnTop(before, number, content, base, true);
        }

        private ObjectNode writeOnTop(List<String> before, long number, ObjectNode content, String base, boolean owned)
                throws IOException {
            ObjectNode written = write(number, content, base, owned);
            if (historyLimit != 0 && before.size() + 1 > historyLimit) {
                after = new ArrayList<>(before.size() + 1);
                after.addAll(before);
                after.add(written.get("_rev").asString());
            }
            return written;
        }

        /** Writes a revision, leaving the history as it is. */
        ObjectNode write(long number, ObjectNode content, String base) throws IOException {
            return write(number, content, base, false);
        }

        private ObjectNode write(long number, ObjectNode content, String base, boolean owned) throws IOException {
            FileChannel reserved = temp;
            temp = null;
            return ObjectWriter.this.write(
                    object, reserved == null ? null : new Reserved(tempPath, reserved), number, content, base, owned);
        }

        private void retireBeyondHistoryLimit() {
            if (after == null) {
                return;
            }
            List<String> retirees = Revisions.oldestOutsideConflicts(after, Math.max(1, (historyLimit + 1) / 2));
            try {
                object.retire(retirees);
            } catch (IOException e) {
                // The write itself succeeded; the next locked write of the object tries again.
                LOG.log(
                        System.Logger.Level.WARNING,
                        "Could not move old revisions of object ''" + object.id() + "'' in " + object.path()
                                + " to the trash",
                        e);
            }
        }

        /** Removes the temp file if no write took it. */
        @Override
        public void close() {
            if (temp != null) {
                try {
                    temp.close();
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.DEBUG, "Could not close temp file " + tempPath, e);
                }
                temp = null;
                files.deleteTemp(tempPath);
            }
        }
    }

    /** A temp file created before the lock, open for writing. */
    private record Reserved(Path path, FileChannel channel) {}

    /**
     * Writes a new revision on top of the given number and publishes it.
     *
     * @param reserved the temp file to fill, or null to make one
     * @param base     the revision the write supersedes (dropped from the read cache), or null
     * @param owned    whether {@code content} is the engine's own copy, which the write may stamp and return
     */
    private ObjectNode write(
            ObjectDirectory object, Reserved reserved, long number, ObjectNode content, String base, boolean owned)
            throws IOException {
        String revision = newRevision(number);
        ObjectNode stored =
                owned ? stampIdentity(object.id(), revision, content) : withIdentity(object.id(), revision, content);
        Path temp = reserved != null ? reserved.path() : files.newTempPath(".rev");
        Path target;
        byte[] bytes;
        try {
            bytes = serialize(object, stored);
            if (reserved != null) {
                AtomicFiles.fillAndClose(reserved.channel(), bytes, files.durable());
            } else {
                AtomicFiles.writeNewFile(temp, bytes, files.durable(), files.modes());
            }
            for (int attempt = 1; ; attempt++) {
                try {
                    target = object.file(revision);
                    AtomicFiles.publishNew(temp, target);
                    break;
                } catch (FileAlreadyExistsException taken) {
                    if (attempt == PUBLISH_ATTEMPTS) {
                        throw taken;
                    }
                    revision = newRevision(number);
                    stored.put("_rev", revision);
                    AtomicFiles.deleteQuietlyIfPresent(temp);
                    bytes = serialize(object, stored);
                    AtomicFiles.writeNewFile(temp, bytes, files.durable(), files.modes());
                }
            }
        } catch (IOException | RuntimeException e) {
            // also a refused size: the temp file reserved before the lock must not stay behind
            if (reserved != null && reserved.channel().isOpen()) {
                reserved.channel().close();
            }
            files.deleteTemp(temp);
            throw e;
        }
        if (files.durable()) {
            AtomicFiles.syncDirectory(object.path());
        }
        revisionFiles.remember(
                target, StoredRevision.of(revision, stored), bytes.length, base == null ? null : object.file(base));
        return stored;
    }

    private String newRevision(long number) {
        return RevisionNames.random(number, random.get());
    }

    /** A copy of the object with {@code _id} and {@code _rev} first, taken from the path, never from contents. */
    ObjectNode withIdentity(String id, String revision, ObjectNode content) {
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

    /**
     * Gives the engine's own copy of an object its identity in place when {@code _id} and {@code _rev} already lead
     * it (as in the copies {@link #withIdentity} makes), else makes the copy: either way {@code _id} and {@code _rev}
     * come first, taken from the path, never from contents.
     */
    private ObjectNode stampIdentity(String id, String revision, ObjectNode owned) {
        Iterator<Map.Entry<String, JsonNode>> fields = owned.properties().iterator();
        if (leads(fields, "_id") && leads(fields, "_rev")) {
            owned.put("_id", id); // replacing a value keeps the field's place
            owned.put("_rev", revision);
            return owned;
        }
        return withIdentity(id, revision, owned);
    }

    private static boolean leads(Iterator<Map.Entry<String, JsonNode>> fields, String name) {
        return fields.hasNext() && fields.next().getKey().equals(name);
    }

    /** A tombstone's content. */
    ObjectNode tombstone() {
        return mapper.createObjectNode().put("_deleted", true);
    }
}
