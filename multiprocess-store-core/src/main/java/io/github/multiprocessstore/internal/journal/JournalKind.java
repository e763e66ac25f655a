package io.github.multiprocessstore.internal.journal;

/**
 * What a journal record says happened to its object; {@link #SEAL} ends a segment and names no object.
 * {@link #UPDATED_UNLOCKED} is a plain update, written without the object's lock: it may have made a conflict, which
 * the feed's readers check when they deliver it, so that the writer need not list the directory once more.
 */
public enum JournalKind {
    SEAL(0),
    CREATED(1),
    UPDATED(2),
    DELETED(3),
    CONFLICT(4),
    RESOLVED(5),
    UPDATED_UNLOCKED(6);

    private final int code;

    JournalKind(int code) {
        this.code = code;
    }

    /** The byte stored in a record. */
    int code() {
        return code;
    }

    /** The kind stored as {@code code}, or null if no kind has it (a corrupt record). */
    static JournalKind ofCode(int code) {
        for (JournalKind kind : values()) {
            if (kind.code == code) {
                return kind;
            }
        }
        return null;
    }
}
