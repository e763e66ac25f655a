package io.github.multiprocessstore.replication;

import io.github.multiprocessstore.StoreException;
import io.github.multiprocessstore.StoreIOException;
import io.github.multiprocessstore.format.AlphanumComparator;
import io.github.multiprocessstore.write.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One replication from a source store into a target store; see {@link Replicator} for the guarantees. Used once.
 */
final class ReplicationRun {

    private static final System.Logger LOG = System.getLogger(Replicator.class.getName());
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    /** How often one object is re-listed when the source changes under the copy before it is left for next time. */
    private static final int ATTEMPTS = 3;

    private enum Outcome {
        DONE,
        SOURCE_CHANGED
    }

    private enum Copy {
        COPIED,
        VANISHED,
        SKIPPED
    }

    /** The outcome of copying one file's content into a new file, with its size when copied. */
    private record Copied(Copy outcome, int length) {}

    private final StoreFiles source;
    private final StoreFiles target;
    private final ReplicationOptions options;
    private final Consumer<Path> onContentRead;
    private final LongAdder compared = new LongAdder();
    private final LongAdder created = new LongAdder();
    private final LongAdder copied = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder retired = new LongAdder();
    private final LongAdder recorded = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LongAdder deferred = new LongAdder();
    private Set<String> sourceNamesWithRetirements;
    private Set<String> targetNamesWithRetirements;

    /**
     * @param onContentRead told of every source file whose content is read (a seam proving that replication only
     *                      reads the files it copies)
     */
    ReplicationRun(Path source, Path target, ReplicationOptions options, Consumer<Path> onContentRead) {
        this.options = options;
        this.onContentRead = onContentRead;
        this.source = StoreFiles.openForReading(source);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            requireDistinct(this.source.root(), target);
        }
        this.target = StoreFiles.openForWriting(target, options.clock());
        requireDistinct(this.source.root(), this.target.root());
    }

    private static void requireDistinct(Path source, Path target) {
        try {
            if (source.equals(target.toAbsolutePath().normalize()) || Files.isSameFile(source, target)) {
                throw new IllegalArgumentException("Replication source and target are the same store: " + source);
            }
        } catch (IOException e) {
            throw new StoreIOException("compare the replication source with the target", null, target, e);
        }
    }

    ReplicationResult run() {
        Instant startedAt = options.clock().instant();
        long start = System.nanoTime();
        // Retirements are listed before live names, here and per object: a revision retired while this run lists
        // is then seen live (and copied, then retired next time) rather than missed on both sides.
        sourceNamesWithRetirements = source.namesWithRetirements();
        targetNamesWithRetirements = target.namesWithRetirements();
        Set<String> names = new LinkedHashSet<>(sourceNamesWithRetirements);
        names.addAll(source.objectNames());
        forEachInParallel(new ArrayList<>(names), this::replicateObject);
        ReplicationResult result = new ReplicationResult(
                source.root(),
                target.root(),
                startedAt,
                Duration.ofNanos(System.nanoTime() - start),
                compared.sum(),
                created.sum(),
                copied.sum(),
                bytes.sum(),
                retired.sum(),
                recorded.sum(),
                skipped.sum(),
                deferred.sum());
        LOG.log(System.Logger.Level.DEBUG, "Replicated {0}", result);
        return result;
    }

    private void replicateObject(String name) {
        compared.increment();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Set<String> sourceRetired =
                    attempt > 1 || sourceNamesWithRetirements.contains(name) ? source.retiredRevisions(name) : Set.of();
            List<String> sourceLive;
            try {
                sourceLive = source.liveRevisions(name).orElse(List.of());
            } catch (ForeignEntryException e) {
                source.warnOnce(
                        source.objectDirectory(name),
                        "is not a directory (a file or a symbolic link); " + "not replicated");
                skipped.increment();
                sourceLive = List.of();
            }
            if (!needsChange(name, sourceLive, sourceRetired)) {
                return;
            }
            List<String> live = sourceLive;
            if (target.withObjectLock(name, () -> applyLocked(name, live, sourceRetired)) == Outcome.DONE) {
                return;
            }
        }
        LOG.log(
                System.Logger.Level.INFO,
                "Object ''{0}'' kept changing in {1} while it was replicated; it is left " + "for the next replication",
                StoreFiles.idOf(name),
                source.root());
        deferred.increment();
    }

    /** The cheap check without the lock, from names only; the decision is taken again under the lock. */
    private boolean needsChange(String name, List<String> sourceLive, Set<String> sourceRetired) {
        Set<String> targetRetired =
                targetNamesWithRetirements.contains(name) ? target.retiredRevisions(name) : Set.of();
        if (!targetRetired.containsAll(sourceRetired)) {
            return true;
        }
        Set<String> targetLive;
        try {
            targetLive = new HashSet<>(target.liveRevisions(name).orElse(List.of()));
        } catch (ForeignEntryException e) {
            target.warnOnce(
                    target.objectDirectory(name),
                    "is not a directory (a file or a symbolic link); " + "nothing is replicated into it");
            skipped.increment();
            return false;
        }
        for (String revision : sourceLive) {
            if (!targetLive.contains(revision)
                    && !targetRetired.contains(revision)
                    && !sourceRetired.contains(revision)) {
                return true;
            }
        }
        for (String revision : targetLive) {
            if (targetRetired.contains(revision)) {
                return true;
            }
        }
        return false;
    }

    private Outcome applyLocked(String name, List<String> sourceLive, Set<String> sourceRetired) throws IOException {
        Optional<List<String>> listed;
        try {
            listed = target.liveRevisions(name);
        } catch (ForeignEntryException e) {
            return Outcome.DONE;
        }
        Set<String> targetLive = new HashSet<>(listed.orElse(List.of()));
        Set<String> targetRetired = target.retiredRevisions(name);
        List<String> toCopy = new ArrayList<>();
        for (String revision : sourceLive) {
            if (!targetLive.contains(revision)
                    && !targetRetired.contains(revision)
                    && !sourceRetired.contains(revision)) {
                toCopy.add(revision);
            }
        }
        toCopy.sort(AlphanumComparator.INSTANCE);
        boolean sourceChanged = false;
        if (!toCopy.isEmpty()) {
            sourceChanged =
                    listed.isEmpty() ? createObject(name, toCopy, targetLive) : copyInto(name, toCopy, targetLive);
        }
        if (sourceChanged) {
            // A revision vanished from the source (retired there meanwhile): retiring on the target now could take
            // away the revision that replaced it before it is copied. Look at the source again first.
            return Outcome.SOURCE_CHANGED;
        }
        boolean movedAny = false;
        for (String revision : sourceRetired) {
            if (targetRetired.contains(revision)) {
                continue;
            }
            if (target.retire(name, revision, options.durable())) {
                retired.increment();
                targetLive.remove(revision);
                movedAny = true;
            } else {
                recorded.increment();
            }
        }
        for (String revision : List.copyOf(targetLive)) {
            // Live although retired here: copied in by a file-level tool after its retirement. Retire it again.
            if (targetRetired.contains(revision) && target.retire(name, revision, options.durable())) {
                retired.increment();
                targetLive.remove(revision);
                movedAny = true;
            }
        }
        if (movedAny && targetLive.isEmpty() && target.removeIfEmpty(name) && options.durable()) {
            AtomicFiles.syncDirectory(target.root());
        }
        return Outcome.DONE;
    }

    /**
     * The object does not exist in the target: it is assembled in the target's temp area and appears with one
     * rename, complete, as the engine creates objects. If it appeared meanwhile (created by a writer on the
     * target), the copies are published in it one by one instead.
     *
     * @return whether a source file vanished during the copy
     */
    private boolean createObject(String name, List<String> revisions, Set<String> targetLive) throws IOException {
        Path staging = target.newTempPath(".obj");
        Files.createDirectory(staging);
        try {
            List<String> staged = new ArrayList<>(revisions.size());
            long stagedBytes = 0;
            boolean sourceChanged = false;
            for (String revision : revisions) {
                Path file = staging.resolve(revision);
                BasicFileAttributes attributes = sourceAttributes(name, revision);
                Copied copy = attributes == null
                        ? new Copied(Copy.VANISHED, 0)
                        : copyContent(name, revision, attributes, file);
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
            if (options.durable()) {
                AtomicFiles.syncDirectory(staging);
            }
            Path directory = target.objectDirectory(name);
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
                if (options.durable()) {
                    AtomicFiles.syncDirectory(directory);
                }
            }
            if (options.durable()) {
                AtomicFiles.syncDirectory(target.root());
            }
            targetLive.addAll(staged);
            return sourceChanged;
        } finally {
            AtomicFiles.deleteQuietlyIfPresent(staging);
        }
    }

    /**
     * Copies revisions into an existing object directory, each through a temp file published under its name in
     * one atomic step that never replaces a file ({@link AtomicFiles#publishNew}), as the engine writes.
     *
     * @return whether a source file vanished during the copy
     */
    private boolean copyInto(String name, List<String> revisions, Set<String> targetLive) throws IOException {
        Path directory = target.objectDirectory(name);
        boolean sourceChanged = false;
        boolean copiedAny = false;
        for (String revision : revisions) {
            BasicFileAttributes attributes = sourceAttributes(name, revision);
            if (attributes == null) {
                sourceChanged = true;
                continue;
            }
            Path temp = target.newTempPath(".rep");
            try {
                Copied copy = copyContent(name, revision, attributes, temp);
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
                AtomicFiles.deleteQuietlyIfPresent(temp);
            }
        }
        if (copiedAny && options.durable()) {
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
    private BasicFileAttributes sourceAttributes(String name, String revision) throws IOException {
        try {
            return Files.readAttributes(
                    source.objectDirectory(name).resolve(revision),
                    BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Reads one source revision and writes it, complete and checked, to a new file. */
    private Copied copyContent(String name, String revision, BasicFileAttributes attributes, Path destination)
            throws IOException {
        Path file = source.objectDirectory(name).resolve(revision);
        if (!attributes.isRegularFile()) {
            source.warnOnce(file, "is not a regular file (a symbolic link?); not replicated");
            skipped.increment();
            return new Copied(Copy.SKIPPED, 0);
        }
        byte[] content;
        try {
            content = readNoFollow(file);
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
        AtomicFiles.writeNewFile(destination, content, options.durable());
        return new Copied(Copy.COPIED, content.length);
    }

    private static byte[] readNoFollow(Path file) throws IOException {
        try (SeekableByteChannel channel =
                Files.newByteChannel(file, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE - 16) {
                throw new IOException("revision file too large to copy: " + size + " bytes");
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) size);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // the file is immutable once published, so its size is final
            }
            return buffer.position() == buffer.capacity()
                    ? buffer.array()
                    : Arrays.copyOf(buffer.array(), buffer.position());
        }
    }

    private static boolean holdsJsonObject(byte[] content) {
        try {
            JsonNode node = MAPPER.readTree(content);
            return node != null && node.isObject();
        } catch (JacksonException e) {
            return false;
        }
    }

    private void forEachInParallel(List<String> names, Consumer<String> action) {
        if (options.parallelism() == 1 || names.size() < 2) {
            names.forEach(action);
            return;
        }
        ForkJoinPool pool = new ForkJoinPool(options.parallelism());
        try {
            pool.submit(() -> names.parallelStream().forEach(action)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(
                    "Replication from " + source.root() + " to " + target.root()
                            + " was interrupted; run it again (it is idempotent)",
                    null,
                    target.root(),
                    e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new StoreException(
                    "Replication from " + source.root() + " to " + target.root() + " failed: " + cause,
                    null,
                    target.root(),
                    cause);
        } finally {
            pool.shutdownNow();
        }
    }
}
