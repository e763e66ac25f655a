package io.github.multiprocessstore.cli.command;

import io.github.multiprocessstore.cli.progress.ProgressBar;
import io.github.multiprocessstore.cli.support.CliException;
import io.github.multiprocessstore.cli.support.ExitCode;
import io.github.multiprocessstore.cli.support.Json;
import io.github.multiprocessstore.cli.support.Stores;
import io.github.multiprocessstore.replication.ReplicationOptions;
import io.github.multiprocessstore.replication.ReplicationResult;
import io.github.multiprocessstore.replication.Replicator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code replicate SOURCE TARGET}: the core's replication, into a target created if missing; {@code --both} also
 * replicates back. Into an empty directory it is a backup that keeps history, conflicts and retirements.
 */
@Command(
        name = "replicate",
        description = {
            "Copies the revision files TARGET lacks from SOURCE and carries SOURCE's retirements over (TARGET is"
                    + " created if missing); --both then replicates TARGET into SOURCE too.",
            "Into an empty directory this is a backup that keeps every revision, conflict and retirement."
        },
        mixinStandardHelpOptions = true)
final class ReplicateCommand extends StoreCommand {

    @Parameters(index = "0", paramLabel = "SOURCE", description = "the store to copy from (only read)")
    Path source;

    @Parameters(index = "1", paramLabel = "TARGET", description = "the store to bring up to date")
    Path target;

    @Option(names = "--both", description = "replicate both ways: SOURCE into TARGET, then TARGET into SOURCE")
    boolean both;

    @Option(names = "--json", description = "print the summary as JSON")
    boolean json;

    @Option(names = "--no-fsync", description = "do not fsync the copies (faster; a crash may lose some)")
    boolean noFsync;

    @Override
    public Integer call() {
        Stores.requireExistingStore(source);
        if (Files.exists(target)) {
            if (!Files.isDirectory(target)) {
                throw CliException.store(
                        "Replication target " + target.toAbsolutePath() + " is not a directory; give a store directory",
                        null);
            }
            Stores.refuseRoot(target);
        }
        ReplicationOptions options = ReplicationOptions.defaults().withDurable(!noFsync);
        List<ReplicationResult> results = new ArrayList<>();
        try (ProgressBar.Progress progress = ProgressBar.forStderr("replicate")) {
            results.add(Replicator.replicate(source, target, options, progress.listener()));
        }
        if (both) {
            try (ProgressBar.Progress progress = ProgressBar.forStderr("replicate back")) {
                results.add(Replicator.replicate(target, source, options, progress.listener()));
            }
        }
        if (json) {
            ArrayNode array = Json.MAPPER.createArrayNode();
            results.forEach(result -> array.add(toJson(result)));
            out().println(Json.spaced(array));
        } else {
            results.forEach(result -> out().println(text(result)));
        }
        return ExitCode.OK;
    }

    private static ObjectNode toJson(ReplicationResult result) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("source", result.source().toString());
        node.put("target", result.target().toString());
        node.put("objectsCompared", result.objectsCompared());
        node.put("objectsCreated", result.objectsCreated());
        node.put("filesCopied", result.revisionsCopied());
        node.put("bytesCopied", result.bytesCopied());
        node.put("retirementsCarried", result.revisionsRetired() + result.retirementsRecorded());
        node.put("revisionsRetired", result.revisionsRetired());
        node.put("retirementsRecorded", result.retirementsRecorded());
        node.put("entriesSkipped", result.entriesSkipped());
        node.put("objectsDeferred", result.objectsDeferred());
        return node;
    }

    private static String text(ReplicationResult result) {
        return String.format(
                Locale.ROOT,
                "%s -> %s: %d files copied (%d bytes, %d new objects), %d retirements carried (%d revisions"
                        + " retired, %d records made), %d objects compared, %d entries skipped, %d objects deferred",
                result.source(),
                result.target(),
                result.revisionsCopied(),
                result.bytesCopied(),
                result.objectsCreated(),
                result.revisionsRetired() + result.retirementsRecorded(),
                result.revisionsRetired(),
                result.retirementsRecorded(),
                result.objectsCompared(),
                result.entriesSkipped(),
                result.objectsDeferred());
    }
}
