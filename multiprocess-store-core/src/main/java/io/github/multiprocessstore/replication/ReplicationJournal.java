package io.github.multiprocessstore.replication;

import io.github.multiprocessstore.internal.format.Revisions;
import io.github.multiprocessstore.internal.journal.JournalKind;
import io.github.multiprocessstore.internal.read.CacheAdmission;
import io.github.multiprocessstore.internal.store.ObjectDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Journals what a replication did to one target object, so the target's change feed reports it at once: the
 * object's state before and after (winner, open conflict, tombstone) gives the kind of change, or none when the
 * copies did not change what readers see (an older revision arriving).
 */
final class ReplicationJournal {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private ReplicationJournal() {}

    /** Called under the object's lock, after the copies and retirements, with the listing taken before them. */
    static void record(ObjectDirectory object, List<String> before) throws IOException {
        if (!object.store().journal().enabled()) {
            return;
        }
        List<String> after = object.list(CacheAdmission.ONLY_FREE_ROOM).names();
        Optional<String> winner = Revisions.winner(after);
        if (winner.isEmpty()) {
            return;
        }
        Optional<String> previous = Revisions.winner(before);
        boolean conflictBefore = Revisions.hasConflict(before);
        boolean conflictAfter = Revisions.hasConflict(after);
        JournalKind kind;
        if (conflictAfter && !conflictBefore) {
            kind = JournalKind.CONFLICT;
        } else if (!conflictAfter && conflictBefore) {
            kind = JournalKind.RESOLVED;
        } else if (previous.equals(winner)) {
            return;
        } else if (isTombstone(object, winner.get())) {
            if (previous.isPresent() && isTombstone(object, previous.get())) {
                return;
            }
            kind = JournalKind.DELETED;
        } else if (previous.isEmpty() || isTombstone(object, previous.get())) {
            kind = JournalKind.CREATED;
        } else {
            kind = conflictAfter ? JournalKind.CONFLICT : JournalKind.UPDATED;
        }
        object.journal(winner.get(), kind);
    }

    private static boolean isTombstone(ObjectDirectory object, String revision) {
        try {
            JsonNode content = MAPPER.readTree(Files.readAllBytes(object.file(revision)));
            return content.path("_deleted").asBoolean(false);
        } catch (IOException | JacksonException e) {
            return false; // retired meanwhile, or unreadable: reported as an update
        }
    }
}
