package io.github.multiprocessstore.internal.journal;

/**
 * One record of the journal: an object's directory name (its encoded id), a revision name and what happened. Never
 * an object's contents.
 *
 * @param name     the object directory's name (empty for a seal)
 * @param revision the revision that is the object's winner after the change (empty for a seal)
 * @param kind     what happened
 */
public record JournalRecord(String name, String revision, JournalKind kind) {

    /** The record that ends a segment: its writer appends nothing more to it. */
    static final JournalRecord SEAL = new JournalRecord("", "", JournalKind.SEAL);
}
