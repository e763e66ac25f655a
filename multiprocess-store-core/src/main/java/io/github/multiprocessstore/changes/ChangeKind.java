package io.github.multiprocessstore.changes;

import java.util.Locale;

/** What a {@link Change} did to its object. */
public enum ChangeKind {
    /** The object appeared (revision 0, or written again after a deletion); also every object of a snapshot. */
    CREATED,
    /** A new winning revision on top of the previous one. */
    UPDATED,
    /** The winner is now a tombstone, or another program removed the object's directory. */
    DELETED,
    /** Two or more revisions now share the winner's history number: a conflict appeared. */
    CONFLICT,
    /** A conflict was resolved (by a resolution, a replicated resolution, or a compaction discarding it). */
    RESOLVED;

    /** The lower-case name used in JSON and over HTTP ({@code created}, {@code updated}, ...). */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
