package io.github.multiprocessstore.conflicts;

/**
 * What an application wants done with the conflicts of one collection: two or more revisions with the same number,
 * written by writers that did not see each other. Which policy fits depends on the data, as the original package
 * says: a user manager reports them, a wiki shows them to people, a colour generator ignores them.
 *
 * <p>The policy changes only how conflicts are counted, shown and resolved; never what is on disk or what
 * {@link io.github.multiprocessstore.ObjectStore#getConflicts(String)} answers.
 */
public enum ConflictPolicy {

    /**
     * The default: conflicts are counted, listed and raise events, and stay until something resolves them (code,
     * or a person on a review page).
     */
    REPORT,

    /**
     * The elected winner stands: the collection's conflicts are not counted or listed, and the rival revisions
     * stay on disk.
     */
    IGNORE,

    /**
     * Conflicts are resolved automatically where that loses nothing: rivals whose data the winner captured are
     * retired, then the application's resolvers merge what they can; what remains is reported as under
     * {@link #REPORT}.
     */
    RESOLVE
}
