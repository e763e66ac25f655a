package io.github.multiprocessstore.cli.scan;

import io.github.multiprocessstore.cli.support.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/** Reads a revision file without following a symbolic link, and checks what it holds with a streaming parser. */
final class RevisionFile {

    /** What a revision file holds. */
    enum Content {
        OBJECT,
        TOMBSTONE,
        NOT_AN_OBJECT,
        NOT_JSON
    }

    /** A file's check: what it holds, its size, and the parser's complaint for {@code NOT_JSON}. */
    record Checked(Content content, long bytes, String complaint) {}

    private RevisionFile() {}

    /**
     * Reads the whole file (opened with {@code O_NOFOLLOW}, so a symbolic link fails instead of being followed).
     *
     * @throws IOException if it cannot be opened or read
     */
    static byte[] read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE - 16) {
                throw new IOException("file too large to be a revision (" + size + " bytes)");
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) size);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // read on until full or end of file
            }
            if (buffer.hasRemaining()) {
                byte[] shorter = new byte[buffer.position()];
                System.arraycopy(buffer.array(), 0, shorter, 0, shorter.length);
                return shorter;
            }
            return buffer.array();
        }
    }

    /** Checks that the bytes are one JSON object and nothing else, noting a top-level {@code "_deleted": true}. */
    static Checked check(byte[] bytes) {
        if (bytes.length == 0) {
            return new Checked(Content.NOT_JSON, 0, "the file is empty");
        }
        try (JsonParser parser = Json.MAPPER.createParser(bytes)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                parser.skipChildren();
                if (parser.nextToken() != null) {
                    return new Checked(Content.NOT_JSON, bytes.length, "content after the first JSON value");
                }
                return new Checked(Content.NOT_AN_OBJECT, bytes.length, null);
            }
            boolean deleted = false;
            for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("_deleted")) {
                    deleted = value == JsonToken.VALUE_TRUE;
                }
                parser.skipChildren();
            }
            if (parser.nextToken() != null) {
                return new Checked(Content.NOT_JSON, bytes.length, "content after the JSON object");
            }
            return new Checked(deleted ? Content.TOMBSTONE : Content.OBJECT, bytes.length, null);
        } catch (JacksonException e) {
            return new Checked(Content.NOT_JSON, bytes.length, e.getOriginalMessage());
        }
    }
}
