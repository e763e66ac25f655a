package io.github.multiprocessstore;

import io.github.multiprocessstore.internal.conflicts.CapturedRule;
import io.github.multiprocessstore.internal.format.RevisionNames;
import io.github.multiprocessstore.internal.format.Revisions;
import io.github.multiprocessstore.internal.journal.JournalKind;
import io.github.multiprocessstore.internal.read.CacheAdmission;
import io.github.multiprocessstore.internal.read.CorruptFileException;
import io.github.multiprocessstore.internal.read.RevisionFiles;
import io.github.multiprocessstore.internal.store.ObjectDirectory;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies the {@linkplain CapturedRule captured rule} to one object: under the object's lock, so no strict write,
 * resolution, replication or compaction of this library comes in between, and checking the winner again right
 * before retiring, since lockless writers (the original's update, the npm package) take no lock. Rivals go to the
 * trash with a retirement record, exactly as a resolution retires them, so replication does not bring them back.
 */
final class CapturedConflicts {

    private static final System.Logger LOG = System.getLogger(FileObjectStore.class.getName());

    /**
     * How often one call re-decides: after a retirement (which can make the parent of a later rival known) or when
     * a lockless writer changed the winner while the rule was deciding.
     */
    private static final int ROUNDS = 8;

    private final ObjectReader reader;
    private final RevisionFiles revisionFiles;

    CapturedConflicts(ObjectReader reader, RevisionFiles revisionFiles) {
        this.reader = reader;
        this.revisionFiles = revisionFiles;
    }

    /**
     * Retires the object's captured rivals.
     *
     * @return the retired revisions, in the order they were retired; empty if none (or no such object)
     * @throws IOException if the lock cannot be taken or the file system refuses a move
     */
    List<String> resolve(ObjectDirectory directory) throws IOException {
        return directory.lock(() -> {
            List<String> retired = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                Optional<List<String>> listed = reader.revisionNames(directory, CacheAdmission.EVICT);
                if (listed.isEmpty() || !Revisions.hasConflict(listed.get())) {
                    break;
                }
                List<String> names = listed.get();
                String winner = Revisions.winner(names).orElseThrow();
                List<String> captured = CapturedRule.capturedRivals(
                        names,
                        winner,
                        revision -> live(directory, names, revision),
                        number -> parent(directory, names, number));
                if (captured.isEmpty()) {
                    break;
                }
                List<String> now =
                        reader.revisionNames(directory, CacheAdmission.EVICT).orElse(List.of());
                if (!Revisions.winner(now).orElse("").equals(winner)) {
                    // A lockless writer published a new winner meanwhile: decide again against that one.
                    continue;
                }
                directory.retire(captured);
                retired.addAll(captured);
                // under the lock, like every journaled write, so the object's records stay in the order of its changes
                directory.journal(winner, JournalKind.RESOLVED);
            }
            return List.copyOf(retired);
        });
    }

    /** A live revision's content; empty (and logged) if it vanished or does not parse. */
    private Optional<ObjectNode> live(ObjectDirectory directory, List<String> names, String revision) {
        try {
            return Optional.of(reader.revision(directory, names, revision).content());
        } catch (ObjectNotFoundException vanished) {
            return Optional.empty();
        } catch (CorruptRevisionException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Revision {0} of object ''{1}'' is not a JSON object ({2}); it is never treated as captured",
                    revision,
                    directory.id(),
                    e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The one revision numbered {@code number}: the live one if exactly one is live; if none is (a history limit or
     * a compaction retired it), the one retirement record of that number that still has its content.
     */
    private Optional<ObjectNode> parent(ObjectDirectory directory, List<String> names, long number) {
        List<String> live = ofNumber(names, number);
        if (live.size() == 1) {
            return live(directory, names, live.get(0));
        }
        if (!live.isEmpty()) {
            return Optional.empty();
        }
        try {
            List<String> retired = ofNumber(directory.retired(), number);
            if (retired.size() != 1) {
                return Optional.empty();
            }
            String revision = retired.get(0);
            return Optional.of(revisionFiles
                    .read(directory.retirementDirectory().resolve(revision), revision)
                    .content());
        } catch (NoSuchFileException | CorruptFileException purgedOrEmpty) {
            // An empty record (content purged, or a copy recorded after its retirement) tells nothing.
            return Optional.empty();
        } catch (IOException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Could not read the retired revisions of object ''" + directory.id() + "''; its older conflicts"
                            + " are not resolved as captured",
                    e);
            return Optional.empty();
        }
    }

    private static List<String> ofNumber(java.util.Collection<String> names, long number) {
        return names.stream()
                .filter(name -> RevisionNames.numberOf(name) == number)
                .toList();
    }
}
