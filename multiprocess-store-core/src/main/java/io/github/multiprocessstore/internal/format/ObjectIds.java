package io.github.multiprocessstore.internal.format;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Maps object ids to directory names and back, so that an id can never reach outside the store or collide with the
 * engine's own names.
 *
 * <p>A <em>plain</em> id (1-255 of {@code A-Z a-z 0-9 . _ @ -}, not starting with {@code .}) is its own directory
 * name, as in the original npm package. Any other id is percent-encoded: every UTF-8 byte outside the plain set,
 * and a leading {@code .}, becomes {@code %XX} (upper-case hex). Plain ids never contain {@code %}, so the mapping
 * is one-to-one, and no encoded name is {@code .}, {@code ..}, starts with {@code .} or holds {@code /}, {@code \}
 * or NUL. Ids that are empty, not valid UTF-16, or whose name would exceed 255 bytes are rejected.
 */
public final class ObjectIds {

    /** The longest file name most file systems accept, in bytes. */
    public static final int MAX_NAME_BYTES = 255;

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private ObjectIds() {}

    /**
     * Whether an id is plain: stored under its own name and visible to the original npm package.
     *
     * @param id an id (may be null)
     * @return true if plain
     */
    public static boolean isPlain(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_NAME_BYTES || id.charAt(0) == '.') {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            if (!isPlainChar(id.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The directory name of an id.
     *
     * @param id the object id
     * @return its directory name
     * @throws UnencodableIdException if the id is null, empty, not valid UTF-16 or too long
     */
    public static String encode(String id) {
        if (isPlain(id)) {
            return id;
        }
        if (id == null || id.isEmpty()) {
            throw new UnencodableIdException("an id must be a non-empty string");
        }
        ByteBuffer utf8;
        try {
            utf8 = StandardCharsets.UTF_8
                    .newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(id));
        } catch (CharacterCodingException e) {
            throw new UnencodableIdException("it is not valid Unicode (unpaired surrogate)");
        }
        StringBuilder name = new StringBuilder(id.length() + 16);
        for (int i = 0; utf8.hasRemaining(); i++) {
            int b = utf8.get() & 0xFF;
            boolean leadingDot = i == 0 && b == '.';
            if (b < 0x80 && isPlainChar((char) b) && !leadingDot) {
                name.append((char) b);
            } else {
                name.append('%').append(HEX[b >> 4]).append(HEX[b & 0xF]);
            }
            if (name.length() > MAX_NAME_BYTES) {
                throw new UnencodableIdException("it needs more than " + MAX_NAME_BYTES
                        + " bytes as a file name; use a shorter id (plain ids of letters, digits, '.', '_', '@', '-'"
                        + " take one byte per character)");
            }
        }
        return name.toString();
    }

    /**
     * The id stored in a directory name, or null if the name is not one this mapping produces (a foreign or
     * engine-owned entry, which callers skip).
     *
     * @param name a directory name in the store
     * @return the id, or null
     */
    public static String decode(String name) {
        if (isPlain(name)) {
            return name;
        }
        if (name.isEmpty() || name.indexOf('%') < 0 || name.charAt(0) == '.') {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '%') {
                if (i + 2 >= name.length()) {
                    return null;
                }
                int hi = Character.digit(name.charAt(i + 1), 16);
                int lo = Character.digit(name.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c < 0x80 && isPlainChar(c)) {
                bytes.write(c);
            } else {
                return null;
            }
        }
        String id;
        try {
            id = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        // Only the canonical encoding names an object: keeps the mapping one-to-one.
        try {
            return name.equals(encode(id)) ? id : null;
        } catch (UnencodableIdException e) {
            return null;
        }
    }

    private static boolean isPlainChar(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '.'
                || c == '_'
                || c == '@'
                || c == '-';
    }

    /** An id that has no directory name; the API reports it as an invalid id, with {@link #getMessage()} as the reason. */
    public static final class UnencodableIdException extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        /** @param reason why the id cannot be encoded and what to use instead */
        public UnencodableIdException(String reason) {
            super(reason);
        }
    }
}
