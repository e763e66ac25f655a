package io.github.multiprocessstore.resolution;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One conflict resolution that happened: which object, how, which revisions went to the trash and, for a manual
 * one, who chose. Names only, never contents.
 *
 * @param collection the collection
 * @param id         the object id
 * @param how        what resolved it
 * @param retired    the revisions retired to the trash
 * @param user       the signed-in user of a manual resolution, null for automatic ones
 */
public record ResolvedConflict(
        String collection,
        String id,
        How how,
        List<String> retired,
        @Nullable String user) {

    /**
     * Copies the list.
     *
     * @param collection the collection
     * @param id         the object id
     * @param how        what resolved it
     * @param retired    the revisions retired to the trash
     * @param user       the signed-in user of a manual resolution, null for automatic ones
     */
    public ResolvedConflict {
        Objects.requireNonNull(collection, "collection must not be null");
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(how, "how must not be null");
        retired = List.copyOf(retired);
    }

    /** What resolved a conflict; its lower-case name is the metric's {@code how} tag. */
    public enum How {
        /** The captured rule: the winner held every rival's data. */
        CAPTURED,
        /** An application's {@link ConflictResolver} merged it. */
        RESOLVER,
        /** A person chose (kept a revision or saved a merged version). */
        MANUAL;

        /** The tag value: {@code captured}, {@code resolver} or {@code manual}. */
        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
