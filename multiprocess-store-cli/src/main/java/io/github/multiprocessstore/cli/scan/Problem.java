package io.github.multiprocessstore.cli.scan;

import java.nio.file.Path;

/**
 * One problem {@code verify} found.
 *
 * @param kind    what is wrong, one of the {@link Kind}s
 * @param path    the file or directory
 * @param message what it means and what to do
 */
public record Problem(Kind kind, Path path, String message) {

    /** What {@code verify} checks for. */
    public enum Kind {
        /** A revision file that does not parse as JSON (empty, truncated, garbage). */
        NOT_JSON,
        /** A revision file holding JSON that is not an object (an array, a number, null). */
        NOT_AN_OBJECT,
        /** A file in an object directory whose name is not a revision name. */
        NOT_A_REVISION,
        /** A top-level entry that is not an object directory: a file, or a name that is not an object's. */
        STRAY,
        /** An object directory without any revision file. */
        EMPTY_OBJECT,
        /** A temp file of a write in progress older than the grace period: left by a crashed writer. */
        OLD_TEMP,
        /** A symbolic link where an object directory or a revision file belongs; the store never follows it. */
        SYMLINK,
        /** A file or directory that cannot be read or listed. */
        UNREADABLE
    }

    /** The line {@code verify} prints: {@code KIND<TAB>PATH<TAB>message}. */
    public String line() {
        return kind + "\t" + path + "\t" + message.replace('\n', ' ').replace('\t', ' ');
    }
}
