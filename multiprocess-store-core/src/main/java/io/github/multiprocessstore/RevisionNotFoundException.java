package io.github.multiprocessstore;

import java.nio.file.Path;

/**
 * The object exists, but not the revision asked for: it never existed here, or it was retired (by a conflict
 * resolution, a compaction or the history limit) and only its record remains in the store's trash. The message
 * says which, and what the object's conflicts are now. A subclass of {@link ObjectNotFoundException}, so code that
 * treats "not found" as one case keeps working.
 */
public class RevisionNotFoundException extends ObjectNotFoundException {

    private final String revision;

    /**
     * @param id              the object id
     * @param objectDirectory the object directory that was looked at
     * @param revision        the revision name that is not there
     * @param explanation     why it is not there or what to use instead, as a sentence
     */
    public RevisionNotFoundException(String id, Path objectDirectory, String revision, String explanation) {
        super(
                "Object '" + id + "' has no revision " + revision + " (in " + objectDirectory + "): " + explanation,
                id,
                objectDirectory);
        this.revision = revision;
    }

    /** The revision name that was asked for and is not there. */
    public String revision() {
        return revision;
    }
}
