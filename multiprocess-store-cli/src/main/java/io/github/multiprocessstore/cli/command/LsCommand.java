package io.github.multiprocessstore.cli.command;

import io.github.multiprocessstore.CorruptRevisionException;
import io.github.multiprocessstore.ObjectNotFoundException;
import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.cli.progress.ProgressBar;
import io.github.multiprocessstore.cli.scan.ParallelScan;
import io.github.multiprocessstore.cli.scan.TopLevel;
import io.github.multiprocessstore.cli.support.ExitCode;
import io.github.multiprocessstore.cli.support.Stores;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ls STORE}: the live object ids, one per line, sorted; {@code --deleted} adds the deleted ones. */
@Command(
        name = "ls",
        description = "Lists the ids of the live objects, one per line, sorted.",
        mixinStandardHelpOptions = true)
final class LsCommand extends StoreCommand {

    @Parameters(index = "0", paramLabel = "STORE", description = "the store directory")
    Path store;

    @Option(names = "--deleted", description = "also list the ids of deleted objects")
    boolean deleted;

    private enum State {
        LIVE,
        DELETED,
        NONE
    }

    private record Listed(String id, State state, String warning) {}

    @Override
    public Integer call() {
        try (ObjectStore objects = Stores.openReadOnly(store);
                ProgressBar.Progress progress = ProgressBar.forStderr("ls");
                ParallelScan scan = new ParallelScan()) {
            List<String> ids = TopLevel.ids(objects.path());
            scan.run(
                    ids,
                    id -> classify(objects, id),
                    listed -> {
                        if (listed.warning() != null) {
                            warn(listed.warning());
                        } else if (listed.state() == State.LIVE || (deleted && listed.state() == State.DELETED)) {
                            out().println(listed.id());
                        }
                    },
                    progress.listener());
        }
        return ExitCode.OK;
    }

    private Listed classify(ObjectStore objects, String id) {
        try {
            if (objects.findObject(id).isPresent()) {
                return new Listed(id, State.LIVE, null);
            }
            if (!deleted) {
                return new Listed(id, State.NONE, null);
            }
            List<String> revisions = objects.getRevisions(id);
            if (revisions.isEmpty()) {
                return new Listed(id, State.NONE, null);
            }
            boolean tombstone = objects.getRevision(id, revisions.get(revisions.size() - 1))
                    .path("_deleted")
                    .asBoolean(false);
            return new Listed(id, tombstone ? State.DELETED : State.NONE, null);
        } catch (ObjectNotFoundException vanished) {
            return new Listed(id, State.NONE, null);
        } catch (CorruptRevisionException e) {
            return new Listed(id, State.NONE, "skipped object '" + id + "': " + e.getMessage());
        }
    }
}
