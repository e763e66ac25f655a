package io.github.multiprocessstore.internal.read;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The read path's file steps: reading one revision file without following symbolic links, parsing it as a JSON
 * object, and keeping recently read revisions parsed. Thread-safe.
 */
public final class RevisionFiles {

    /** A parsed JSON document takes about six times its file size on the heap (measured: ~1,825 bytes for 300). */
    private static final int HEAP_BYTES_PER_FILE_BYTE = 6;

    /**
     * The largest revision file the reader accepts, and so the highest maximum object size a store may have: every
     * file a store writes can be read back by any store, whatever their limits.
     */
    public static final int MAX_DOCUMENT_BYTES = 1 << 30;

    private final JsonMapper mapper;
    private final JsonFactory readFactory;
    private final BoundedCache<Path, StoredRevision> cache;

    /**
     * @param mapper          parses revision files
     * @param cacheLimitBytes estimated heap bytes {@link #readCached} may keep parsed revisions in; 0 disables it
     */
    public RevisionFiles(JsonMapper mapper, long cacheLimitBytes) {
        this.mapper = mapper;
        this.readFactory = readFactory(mapper);
        this.cache = new BoundedCache<>(cacheLimitBytes);
    }

    /**
     * The parser factory for revision files: the mapper's, with read limits that accept everything a store can
     * write. Jackson's defaults would refuse numbers over 1,000 digits, property names over 50,000 characters and
     * strings over 100 MB, all of which the writer produces without complaint; so only the size (at most
     * {@link #MAX_DOCUMENT_BYTES}, checked before parsing) and the nesting depth (the writer's own limit, 500 by
     * default, or the reader's if higher) stay bounded.
     *
     * @param mapper the store's mapper
     * @return the factory to parse revision files with
     */
    public static JsonFactory readFactory(JsonMapper mapper) {
        JsonFactory factory = mapper.tokenStreamFactory();
        StreamReadConstraints current = factory.streamReadConstraints();
        StreamReadConstraints limits = current.rebuild()
                .maxNestingDepth(Math.max(
                        current.getMaxNestingDepth(),
                        factory.streamWriteConstraints().getMaxNestingDepth()))
                .maxDocumentLength(MAX_DOCUMENT_BYTES)
                .maxStringLength(Integer.MAX_VALUE)
                .maxNameLength(Integer.MAX_VALUE)
                .maxNumberLength(Integer.MAX_VALUE)
                .build();
        return factory.rebuild().streamReadConstraints(limits).build();
    }

    /**
     * Parses one JSON document with the reader's limits (see {@link #readFactory}).
     *
     * @param mapper  the mapper building the tree
     * @param factory from {@link #readFactory}
     * @param bytes   the document
     * @return the tree, or null if there is none
     * @throws StreamConstraintsException if the document is beyond the limits
     * @throws JacksonException           if it is not one JSON value
     */
    public static JsonNode parse(JsonMapper mapper, JsonFactory factory, byte[] bytes) {
        try (JsonParser parser = factory.createParser(ObjectReadContext.empty(), bytes)) {
            JsonNode node = mapper.readTree(parser);
            if (node != null && !node.isMissingNode() && parser.nextToken() != null) {
                throw new StreamReadException(parser, "trailing content after the JSON value");
            }
            return node;
        }
    }

    /**
     * Like {@link #read}, but keeps recently read revisions parsed. Sound because a revision file never changes
     * once visible: the same path always holds the same content, so only the directory listing that elects it
     * must be fresh. Callers must not modify the returned content.
     *
     * @param file     the revision file, elected from a fresh listing
     * @param revision its name
     * @param admission how a revision read from disk enters the cache
     * @return the revision
     * @throws IOException as {@link #read} does
     */
    public StoredRevision readCached(Path file, String revision, CacheAdmission admission) throws IOException {
        StoredRevision hit = cache.get(file);
        if (hit != null) {
            return hit;
        }
        int[] size = new int[1];
        StoredRevision read = read(file, revision, size);
        long weight = (long) size[0] * HEAP_BYTES_PER_FILE_BYTE;
        if (admission == CacheAdmission.EVICT) {
            cache.putIfAbsent(file, read, weight);
        } else if (admission == CacheAdmission.ONLY_FREE_ROOM) {
            cache.putIfRoom(file, read, weight);
        }
        return read;
    }

    /**
     * Adds a revision this process has just written, so that the next read of the object (typically the next
     * update's) need not read the file back, and drops the revision it superseded: that one is no longer what
     * reads elect, and keeping it would only push out revisions that are. The cache keeps its own copy.
     *
     * @param file       the published revision file
     * @param revision   what it holds
     * @param fileBytes  its size on disk
     * @param superseded the revision file the write was based on, or null (a new object)
     */
    public void remember(Path file, StoredRevision revision, int fileBytes, Path superseded) {
        if (superseded != null) {
            cache.remove(superseded);
        }
        StoredRevision copy =
                new StoredRevision(revision.revision(), revision.content().deepCopy(), revision.deleted());
        cache.putIfAbsent(file, copy, (long) fileBytes * HEAP_BYTES_PER_FILE_BYTE);
    }

    /**
     * Reads and parses one revision file.
     *
     * @param file     the revision file
     * @param revision its name
     * @return the revision
     * @throws java.nio.file.NoSuchFileException if the file is gone (moved by a resolution, or a wrong name)
     * @throws CorruptFileException              if it does not hold a JSON object
     * @throws IOException                      on other I/O errors, or if the file is a symbolic link
     */
    public StoredRevision read(Path file, String revision) throws IOException {
        return read(file, revision, new int[1]);
    }

    private StoredRevision read(Path file, String revision, int[] size) throws IOException {
        byte[] bytes;
        try {
            bytes = readNoFollow(file);
        } catch (java.nio.file.NoSuchFileException | FileBeyondReadLimitsException e) {
            throw e;
        } catch (IOException e) {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                    && Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new CorruptFileException(
                        file, "it is not a regular file (a directory or a symbolic link, which is never followed)", e);
            }
            throw e;
        }
        size[0] = bytes.length;
        if (bytes.length == 0) {
            throw new CorruptFileException(file, "the file is empty", null);
        }
        JsonNode node;
        try {
            node = parse(mapper, readFactory, bytes);
        } catch (StreamConstraintsException e) {
            throw new FileBeyondReadLimitsException(file, bytes.length, e.getOriginalMessage(), e);
        } catch (JacksonException e) {
            throw new CorruptFileException(file, "invalid JSON", e);
        }
        if (node == null || node.isMissingNode() || !node.isObject()) {
            throw new CorruptFileException(
                    file,
                    "it holds JSON "
                            + (node == null
                                    ? "nothing"
                                    : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT))
                            + ", not an object",
                    null);
        }
        return StoredRevision.of(revision, (ObjectNode) node);
    }

    /**
     * Reads a whole revision file without following a symbolic link.
     *
     * @param file the revision file
     * @return its bytes
     * @throws IOException if it is missing, a symbolic link, too large or unreadable
     */
    public static byte[] readNoFollow(Path file) throws IOException {
        try (SeekableByteChannel channel =
                Files.newByteChannel(file, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
            long size = channel.size();
            if (size > MAX_DOCUMENT_BYTES) {
                throw new FileBeyondReadLimitsException(
                        file,
                        size,
                        "it is larger than " + MAX_DOCUMENT_BYTES + " bytes, the most a revision may be",
                        null);
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) size);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // keep reading: the file is immutable once visible, so its size is final
            }
            if (buffer.position() == buffer.capacity()) {
                return buffer.array();
            }
            return Arrays.copyOf(buffer.array(), buffer.position());
        }
    }

    /** Drops everything kept: the store was closed. */
    public void clear() {
        cache.clear();
    }
}
