package io.github.multiprocessstore.read;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.multiprocessstore.CorruptRevisionException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The read path's file steps: reading one revision file without following symbolic links, parsing it as a JSON
 * object, and logging each unexpected entry on disk once (not on every read). Thread-safe.
 */
public final class RevisionFiles {

    private static final System.Logger LOG = System.getLogger(RevisionFiles.class.getName());
    private static final int MAX_WARNED = 10_000;

    private final JsonMapper mapper;
    private final Set<Path> warned = ConcurrentHashMap.newKeySet();

    /**
     * @param mapper parses revision files
     */
    public RevisionFiles(JsonMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Reads and parses one revision file.
     *
     * @param id       the object id, for error messages
     * @param file     the revision file
     * @param revision its name
     * @return the revision
     * @throws java.nio.file.NoSuchFileException if the file is gone (moved by a resolution, or a wrong name)
     * @throws CorruptRevisionException         if it does not hold a JSON object
     * @throws IOException                      on other I/O errors, or if the file is a symbolic link
     */
    public StoredRevision read(String id, Path file, String revision) throws IOException {
        byte[] bytes;
        try {
            bytes = readNoFollow(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new CorruptRevisionException(id, file,
                        "it is not a regular file (a directory or a symbolic link, which is never followed)", e);
            }
            throw e;
        }
        if (bytes.length == 0) {
            throw new CorruptRevisionException(id, file, "the file is empty", null);
        }
        JsonNode node;
        try {
            node = mapper.readTree(bytes);
        } catch (JacksonException e) {
            throw new CorruptRevisionException(id, file, "invalid JSON", e);
        }
        if (node == null || !node.isObject()) {
            throw new CorruptRevisionException(id, file, "it holds JSON "
                    + (node == null ? "nothing" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT))
                    + ", not an object", null);
        }
        ObjectNode content = (ObjectNode) node;
        JsonNode deleted = content.get("_deleted");
        return new StoredRevision(revision, content, deleted != null && deleted.isBoolean() && deleted.booleanValue());
    }

    /**
     * Logs a warning about an unexpected entry on disk, once per path for the life of this store object.
     *
     * @param path    the entry
     * @param problem what is wrong with it, completing the sentence "<path> ..."
     */
    public void warnOnce(Path path, String problem) {
        if (warned.size() < MAX_WARNED && warned.add(path)) {
            LOG.log(System.Logger.Level.WARNING, "{0} {1}", path, problem);
        }
    }

    private static byte[] readNoFollow(Path file) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(file, Set.of(StandardOpenOption.READ,
                LinkOption.NOFOLLOW_LINKS))) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE - 16) {
                throw new IOException("revision file too large: " + size + " bytes");
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) size);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // keep reading: the file is immutable once visible, so its size is final
            }
            buffer.flip();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        }
    }
}
