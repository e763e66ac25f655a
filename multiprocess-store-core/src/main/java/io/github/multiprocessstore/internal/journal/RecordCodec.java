package io.github.multiprocessstore.internal.journal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The byte layout of a record: {@code magic(1) kind(1) revisionLength(1) nameLength(2) revision name crc32(4)},
 * the checksum covering everything before it. Lengths are bounded (revision names, directory names), so
 * a damaged header never makes a reader wait for bytes that will not come. A reader can therefore tell a complete record from a torn one (too
 * short: the tail of a file being written, or of a crashed writer) and from garbage (wrong magic or checksum:
 * skipped byte by byte until the next valid record).
 */
final class RecordCodec {

    static final byte MAGIC = (byte) 0xC3;
    /** Revision names are {@code <N>-<32 hex>}: never longer than this. */
    static final int MAX_REVISION = 64;
    /** Object directory names are at most 255 bytes. */
    static final int MAX_NAME = 255;

    private static final int HEADER = 5;
    private static final int CHECKSUM = 4;

    /** What {@link #decode} found at a position. */
    enum Status {
        /** A valid record; {@link Decoded#length()} bytes long. */
        RECORD,
        /** Too few bytes for a whole record: wait for more, or it is a torn tail. */
        INCOMPLETE,
        /** Not a valid record at this byte: skip one byte and look again. */
        CORRUPT
    }

    /** The outcome of decoding at a position. */
    record Decoded(Status status, JournalRecord record, int length) {}

    private RecordCodec() {}

    /** The bytes of a record, written with one {@code write} call. */
    static ByteBuffer encode(JournalRecord record) {
        byte[] revision = record.revision().getBytes(StandardCharsets.US_ASCII);
        byte[] name = record.name().getBytes(StandardCharsets.UTF_8);
        if (revision.length > MAX_REVISION || name.length > MAX_NAME) {
            throw new IllegalArgumentException("journal record too long: " + record);
        }
        ByteBuffer buffer = ByteBuffer.allocate(HEADER + revision.length + name.length + CHECKSUM);
        buffer.put(MAGIC)
                .put((byte) record.kind().code())
                .put((byte) revision.length)
                .putShort((short) name.length)
                .put(revision)
                .put(name);
        CRC32 crc = new CRC32();
        crc.update(buffer.array(), 0, buffer.position());
        buffer.putInt((int) crc.getValue());
        return buffer.flip();
    }

    /** Decodes the record starting at {@code buffer}'s position, without moving it. */
    static Decoded decode(ByteBuffer buffer) {
        int start = buffer.position();
        int available = buffer.remaining();
        if (available < HEADER) {
            return new Decoded(Status.INCOMPLETE, null, 0);
        }
        if (buffer.get(start) != MAGIC) {
            return new Decoded(Status.CORRUPT, null, 0);
        }
        JournalKind kind = JournalKind.ofCode(buffer.get(start + 1));
        int revisionLength = buffer.get(start + 2) & 0xFF;
        int nameLength = buffer.getShort(start + 3) & 0xFFFF;
        int length = HEADER + revisionLength + nameLength + CHECKSUM;
        if (kind == null || revisionLength > MAX_REVISION || nameLength > MAX_NAME) {
            // Lengths no writer produces: garbage, not a record still being written.
            return new Decoded(Status.CORRUPT, null, 0);
        }
        if (available < length) {
            return new Decoded(Status.INCOMPLETE, null, 0);
        }
        byte[] bytes = new byte[length - CHECKSUM];
        buffer.get(start, bytes);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        if ((int) crc.getValue() != buffer.getInt(start + length - CHECKSUM)) {
            return new Decoded(Status.CORRUPT, null, 0);
        }
        String revision = new String(bytes, HEADER, revisionLength, StandardCharsets.US_ASCII);
        String name = new String(bytes, HEADER + revisionLength, nameLength, StandardCharsets.UTF_8);
        return new Decoded(Status.RECORD, new JournalRecord(name, revision, kind), length);
    }
}
