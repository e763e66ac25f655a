package io.github.multiprocessstore.cli.command;

import io.github.multiprocessstore.cli.progress.ProgressBar;
import io.github.multiprocessstore.cli.support.CliException;
import io.github.multiprocessstore.cli.support.Durations;
import io.github.multiprocessstore.cli.support.ExitCode;
import io.github.multiprocessstore.cli.support.Json;
import io.github.multiprocessstore.cli.support.Stores;
import io.github.multiprocessstore.compaction.CompactionPolicy;
import io.github.multiprocessstore.compaction.CompactionResult;
import io.github.multiprocessstore.compaction.Compactor;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ObjectNode;

/** {@code compact STORE}: the core's compaction, or with {@code --dry-run} what it would do. */
@Command(
        name = "compact",
        description = {
            "Compacts the store: keeps each object's newest revisions, removes objects deleted longer ago than the"
                    + " retention, purges the content of old trash records; never an unresolved conflict's revisions.",
            "Prints a summary of what was (with --dry-run: would be) removed."
        },
        mixinStandardHelpOptions = true)
final class CompactCommand extends StoreCommand {

    @Parameters(index = "0", paramLabel = "STORE", description = "the store directory")
    Path store;

    @Option(
            names = "--keep-revisions",
            paramLabel = "N",
            defaultValue = "1",
            description = "newest revisions kept per object, the winner included (default: ${DEFAULT-VALUE})")
    int keepRevisions;

    @Option(
            names = "--deleted-object-retention",
            paramLabel = "DURATION",
            defaultValue = "30d",
            description = "how long a deleted object is kept, from its tombstone's time (default: ${DEFAULT-VALUE})")
    String deletedObjectRetention;

    @Option(
            names = "--trash-content-retention",
            paramLabel = "DURATION",
            defaultValue = "30d",
            description = "how long retired revisions keep their content in the trash (default: ${DEFAULT-VALUE})")
    String trashContentRetention;

    @Option(names = "--dry-run", description = "change nothing; print what would be removed")
    boolean dryRun;

    @Option(names = "--json", description = "print the summary as JSON")
    boolean json;

    @Option(names = "--no-fsync", description = "do not fsync the changes (faster; a crash may undo some)")
    boolean noFsync;

    @Override
    public Integer call() {
        if (keepRevisions < 1) {
            throw CliException.usage("Invalid value '" + keepRevisions
                    + "' for option '--keep-revisions': keep at least 1 (the winner)");
        }
        CompactionPolicy policy = CompactionPolicy.defaults()
                .withKeepRevisions(keepRevisions)
                .withDeletedObjectRetention(Durations.parse("--deleted-object-retention", deletedObjectRetention))
                .withTrashContentRetention(Durations.parse("--trash-content-retention", trashContentRetention))
                .withDurable(!noFsync);
        Stores.requireExistingStore(store);
        CompactionResult result;
        try (ProgressBar.Progress progress = ProgressBar.forStderr(dryRun ? "compact --dry-run" : "compact")) {
            result = dryRun
                    ? Compactor.preview(store, policy, progress.listener())
                    : Compactor.compact(store, policy, progress.listener());
        }
        out().println(json ? Json.spaced(toJson(result)) : text(result));
        return ExitCode.OK;
    }

    private ObjectNode toJson(CompactionResult result) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("store", result.store().toString());
        node.put("dryRun", dryRun);
        node.put("objectsVisited", result.objectsVisited());
        node.put("revisionsRetired", result.revisionsRetired());
        node.put("objectsRemoved", result.objectsRemoved());
        node.put("objectsWithConflictsKept", result.objectsWithConflictsKept());
        node.put("trashContentsPurged", result.trashContentsPurged());
        node.put("entriesSkipped", result.entriesSkipped());
        return node;
    }

    private String text(CompactionResult result) {
        String verb = dryRun ? "would be " : "";
        return String.format(
                Locale.ROOT,
                "%s %s%n"
                        + "objects visited: %d%n"
                        + "revisions %sretired to the trash: %d%n"
                        + "deleted objects %sremoved: %d%n"
                        + "objects keeping revisions for an unresolved conflict: %d%n"
                        + "trash contents %spurged: %d%n"
                        + "entries skipped: %d",
                dryRun ? "Dry run, nothing changed:" : "Compacted",
                result.store(),
                result.objectsVisited(),
                verb,
                result.revisionsRetired(),
                verb,
                result.objectsRemoved(),
                result.objectsWithConflictsKept(),
                verb,
                result.trashContentsPurged(),
                result.entriesSkipped());
    }
}
