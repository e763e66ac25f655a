package io.github.multiprocessstore.cli.command;

import io.github.multiprocessstore.ObjectNotFoundException;
import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.cli.progress.ProgressBar;
import io.github.multiprocessstore.cli.scan.ParallelScan;
import io.github.multiprocessstore.cli.scan.TopLevel;
import io.github.multiprocessstore.cli.support.CliException;
import io.github.multiprocessstore.cli.support.ExitCode;
import io.github.multiprocessstore.cli.support.Json;
import io.github.multiprocessstore.cli.support.Stores;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code conflicts STORE [ID]}: the conflict groups of the store, {@code {"conflictedObjects": N, "objects": {...}}},
 * or of one object, {@code [["<rev>", ...], ...]}. Reads file names only.
 */
@Command(
        name = "conflicts",
        description = {
            "Prints the conflict groups: of every object as {\"conflictedObjects\": N, \"objects\": {\"<id>\": [[\"<rev>\", ...], ...]}},"
                    + " or of one object as [[\"<rev>\", ...], ...].",
            "Reads file names only, never contents."
        },
        mixinStandardHelpOptions = true)
final class ConflictsCommand extends StoreCommand {

    @Parameters(index = "0", paramLabel = "STORE", description = "the store directory")
    Path store;

    @Parameters(index = "1", arity = "0..1", paramLabel = "ID", description = "only this object")
    String id;

    @Option(names = "--check", description = "exit with 1 when there is any conflict")
    boolean check;

    @Override
    public Integer call() {
        try (ObjectStore objects = Stores.openReadOnly(store)) {
            boolean any;
            if (id == null) {
                Map<String, List<List<String>>> all = allConflicts(objects);
                ObjectNode result = Json.MAPPER.createObjectNode();
                result.put("conflictedObjects", all.size());
                result.set("objects", Json.MAPPER.valueToTree(all));
                out().println(Json.spaced(result));
                any = !all.isEmpty();
            } else {
                List<List<String>> groups;
                try {
                    groups = objects.getConflicts(id);
                } catch (ObjectNotFoundException e) {
                    throw CliException.notFound("Object '" + id + "' does not exist in " + objects.path());
                }
                out().println(Json.spaced(Json.MAPPER.valueToTree(groups)));
                any = !groups.isEmpty();
            }
            return check && any ? ExitCode.PROBLEMS_FOUND : ExitCode.OK;
        }
    }

    /**
     * What {@link ObjectStore#getAllConflicts()} gives, read on the scan's pool with a progress bar: each object's
     * groups from its file names, sorted by id.
     */
    private static Map<String, List<List<String>>> allConflicts(ObjectStore objects) {
        Map<String, List<List<String>>> all = new LinkedHashMap<>();
        try (ProgressBar.Progress progress = ProgressBar.forStderr("conflicts");
                ParallelScan scan = new ParallelScan()) {
            scan.run(
                    TopLevel.ids(objects.path()),
                    id -> {
                        try {
                            List<List<String>> groups = objects.getConflicts(id);
                            return groups.isEmpty() ? null : Map.entry(id, groups);
                        } catch (ObjectNotFoundException notAnObject) {
                            return null;
                        }
                    },
                    entry -> {
                        if (entry != null) {
                            all.put(entry.getKey(), entry.getValue());
                        }
                    },
                    progress.listener());
        }
        return all;
    }
}
