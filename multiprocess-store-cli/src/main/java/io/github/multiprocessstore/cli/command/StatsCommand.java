package io.github.multiprocessstore.cli.command;

import io.github.multiprocessstore.cli.progress.ProgressBar;
import io.github.multiprocessstore.cli.scan.ParallelScan;
import io.github.multiprocessstore.cli.scan.Statistics;
import io.github.multiprocessstore.cli.scan.StoreStatistics;
import io.github.multiprocessstore.cli.support.ExitCode;
import io.github.multiprocessstore.cli.support.Json;
import io.github.multiprocessstore.cli.support.Stores;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ObjectNode;

/** {@code stats STORE}: objects (live, deleted), revisions, conflicted objects, bytes, the ten most revised. */
@Command(
        name = "stats",
        description = "Prints the number of objects (live, deleted), revisions, conflicted objects, bytes of revision"
                + " files, and the 10 objects with the most revisions.",
        mixinStandardHelpOptions = true)
final class StatsCommand extends StoreCommand {

    @Parameters(index = "0", paramLabel = "STORE", description = "the store directory")
    Path store;

    @Option(names = "--json", description = "print the statistics as JSON")
    boolean json;

    @Override
    public Integer call() {
        Stores.requireExistingStore(store);
        StoreStatistics stats;
        try (ProgressBar.Progress progress = ProgressBar.forStderr("stats");
                ParallelScan scan = new ParallelScan()) {
            stats = new Statistics(store.toAbsolutePath().normalize()).run(scan, progress.listener());
        }
        out().println(json ? Json.spaced(toJson(stats)) : text(stats));
        return ExitCode.OK;
    }

    private static ObjectNode toJson(StoreStatistics stats) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        ObjectNode objects = node.putObject("objects");
        objects.put("live", stats.liveObjects());
        objects.put("deleted", stats.deletedObjects());
        objects.put("unreadable", stats.unreadableObjects());
        node.put("revisions", stats.revisions());
        node.put("conflictedObjects", stats.conflictedObjects());
        node.put("bytes", stats.bytes());
        var top = node.putArray("mostRevisions");
        stats.mostRevisions()
                .forEach(object -> top.addObject().put("id", object.id()).put("revisions", object.revisions()));
        return node;
    }

    private static String text(StoreStatistics stats) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(
                Locale.ROOT,
                "objects: %d live, %d deleted%s%nrevisions: %d%nconflicted objects: %d%nbytes: %d%n"
                        + "most revisions:",
                stats.liveObjects(),
                stats.deletedObjects(),
                stats.unreadableObjects() == 0 ? "" : ", " + stats.unreadableObjects() + " unreadable (see verify)",
                stats.revisions(),
                stats.conflictedObjects(),
                stats.bytes()));
        stats.mostRevisions()
                .forEach(object ->
                        text.append(String.format(Locale.ROOT, "%n  %d\t%s", object.revisions(), object.id())));
        return text.toString();
    }
}
