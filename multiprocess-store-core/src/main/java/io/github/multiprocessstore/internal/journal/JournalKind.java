package io.github.multiprocessstore.internal.journal;

/** What a journal record says happened to its object; {@link #SEAL} ends a segment and names no object. */
public enum JournalKind {
    SEAL(0),
    CREATED(1),
    UPDATED(2),
    DELETED(3),
    CONFLICT(4),
    RESOLVED(5);

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
