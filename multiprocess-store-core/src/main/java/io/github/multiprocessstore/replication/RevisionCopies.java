package io.github.multiprocessstore.replication;

import io.github.multiprocessstore.internal.read.RevisionFiles;
import io.github.multiprocessstore.internal.store.ObjectDirectory;
import io.github.multiprocessstore.internal.store.StoreFiles;
import io.github.multiprocessstore.internal.write.AtomicFiles;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The copying half of a {@link ReplicationRun}: brings revision files from the source into the target the way the
 * engine writes (temp file, atomic publish that never replaces a file; a new object as one directory rename), and
 * only files that hold a complete JSON object. Called under the target object's lock.
 */
final class RevisionCopies {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    /** The stores' reader limits, so that whatever a store can read is replicated. */
    private static final JsonFactory READ_FACTORY = RevisionFiles.readFactory(MAPPER);

    private enum Copy {
        COPIED,
        VANISHED,
        SKIPPED
    }

    /** The outcome of copying one file's content into a new file, with its size when copied. */
    private record Copied(Copy outcome, int length) {}

    private final StoreFiles source;
    private final StoreFiles target;
    private final boolean durable;
    private final Consumer<Path> onContentRead;
    private final LongAdder created;
    private final LongAdder copied;
    private final LongAdder bytes;
    private final LongAdder skipped;

    /** The counters are the run's, added to as files are copied and skipped. */
    RevisionCopies(
            StoreFiles source,
            StoreFiles target,
            boolean durable,
            Consumer<Path> onContentRead,
            LongAdder created,
            LongAdder copied,
            LongAdder bytes,
            LongAdder skipped) {
        this.source = source;
        this.target = target;
        this.durable = durable;
        this.onContentRead = onContentRead;
        this.created = created;
        this.copied = copied;
        this.bytes = bytes;
        this.skipped = skipped;
    }

    /**
     * The object does not exist in the target: it is assembled in the target's temp area and appears with one
     * rename, complete, as the engine creates objects. If it appeared meanwhile (created by a writer on the
     * target), the copies are published in it one by one instead.
     *
     * @return whether a source file vanished during the copy
     */
    boolean createObject(ObjectDirectory from, ObjectDirectory into, List<String> revisions, Set<String> targetLive)
            throws IOException {
        Path staging = target.newTempPath(".obj");
        target.modes().createDirectory(staging);
        try {
            List<String> staged = new ArrayList<>(revisions.size());
            long stagedBytes = 0;
            boolean sourceChanged = false;
            for (String revision : revisions) {
                Path file = staging.resolve(revision);
                BasicFileAttributes attributes = sourceAttributes(from, revision);
                Copied copy = attributes == null
                        ? new Copied(Copy.VANISHED, 0)
                        : copyContent(from, revision, attributes, file);
                if (copy.outcome() == Copy.COPIED) {
                    // Safe before publishing: the staging directory itself is fresh, so the engine's clean-up of
                    // old temp entries leaves it alone.
                    Files.setLastModifiedTime(file, attributes.lastModifiedTime());
                    staged.add(revision);
                    stagedBytes += copy.length();
                }
                sourceChanged |= copy.outcome() == Copy.VANISHED;
            }
            if (staged.isEmpty()) {
                return sourceChanged;
            }
            if (durable) {
                AtomicFiles.syncDirectory(staging);
            }
            Path directory = into.path();
            try {
                AtomicFiles.moveAtomically(staging, directory);
                created.increment();
                copied.add(staged.size());
                bytes.add(stagedBytes);
            } catch (IOException taken) {
                if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                    throw taken;
                }
                for (String revision : staged) {
                    Path file = staging.resolve(revision);
                    publish(file, directory.resolve(revision), Files.size(file));
                }
                if (durable) {
                    AtomicFiles.syncDirectory(directory);
                }
            }
            if (durable) {
                AtomicFiles.syncDirectory(target.root());
            }
            targetLive.addAll(staged);
            return sourceChanged;
        } finally {
            target.deleteTemp(staging);
        }
    }

    /**
     * Copies revisions into an existing object directory, each through a temp file published under its name in
     * one atomic step that never replaces a file ({@link AtomicFiles#publishNew}), as the engine writes.
     *
     * @return whether a source file vanished during the copy
     */
    boolean copyInto(ObjectDirectory from, ObjectDirectory into, List<String> revisions, Set<String> targetLive)
            throws IOException {
        Path directory = into.path();
        boolean sourceChanged = false;
        boolean copiedAny = false;
        for (String revision : revisions) {
            BasicFileAttributes attributes = sourceAttributes(from, revision);
            if (attributes == null) {
                sourceChanged = true;
                continue;
            }
            Path temp = target.newTempPath(".rep");
            try {
                Copied copy = copyContent(from, revision, attributes, temp);
                sourceChanged |= copy.outcome() == Copy.VANISHED;
                if (copy.outcome() != Copy.COPIED) {
                    continue;
                }
                Path published = directory.resolve(revision);
                if (publish(temp, published, copy.length())) {
                    // After publishing, not before: an old-looking temp file could be removed by a store opening
                    // now.
                    Files.setLastModifiedTime(published, attributes.lastModifiedTime());
                    copiedAny = true;
                }
                targetLive.add(revision);
            } finally {
                target.deleteTemp(temp);
            }
        }
        if (copiedAny && durable) {
            AtomicFiles.syncDirectory(directory);
        }
        return sourceChanged;
    }

    /**
     * Publishes a copied revision without ever replacing a file: a name that is taken already holds that
     * revision (names are unique and revisions immutable), put there meanwhile by a file-level copy.
     *
     * @return true if this run published it
     */
    private boolean publish(Path temp, Path revisionFile, long length) throws IOException {
        try {
            AtomicFiles.publishNew(temp, revisionFile);
        } catch (FileAlreadyExistsException alreadyThere) {
            return false;
        }
        copied.increment();
        bytes.add(length);
        return true;
    }

    /** The source file's attributes (not following links), or null if it is gone. */
    private static BasicFileAttributes sourceAttributes(ObjectDirectory from, String revision) throws IOException {
        try {
            return Files.readAttributes(from.file(revision), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Reads one source revision and writes it, complete and checked, to a new file. */
    private Copied copyContent(ObjectDirectory from, String revision, BasicFileAttributes attributes, Path destination)
            throws IOException {
        Path file = from.file(revision);
        if (!attributes.isRegularFile()) {
            source.warnOnce(file, "is not a regular file (a symbolic link?); not replicated");
            skipped.increment();
            return new Copied(Copy.SKIPPED, 0);
        }
        byte[] content;
        try {
            content = RevisionFiles.readNoFollow(file);
        } catch (NoSuchFileException e) {
            return new Copied(Copy.VANISHED, 0);
        }
        onContentRead.accept(file);
        if (!holdsJsonObject(content)) {
            // The original npm package writes its files in place: this may be one still being filled. Copying it
            // would publish a torn revision under a name that never changes again; it is copied next time.
            source.warnOnce(
                    file,
                    "does not hold a JSON object (still being written by a Node.js process, or "
                            + "corrupt); not replicated");
            skipped.increment();
            return new Copied(Copy.SKIPPED, 0);
        }
        AtomicFiles.writeNewFile(destination, content, durable, target.modes());
        return new Copied(Copy.COPIED, content.length);
    }

    private static boolean holdsJsonObject(byte[] content) {
        try {
            JsonNode node = RevisionFiles.parse(MAPPER, READ_FACTORY, content);
            return node != null && node.isObject();
        } catch (JacksonException e) {
            return false;
        }
    }
}
