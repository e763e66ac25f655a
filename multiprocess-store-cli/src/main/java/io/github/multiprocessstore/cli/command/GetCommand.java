package io.github.multiprocessstore.cli.command;

import io.github.multiprocessstore.ObjectNotFoundException;
import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.cli.support.CliException;
import io.github.multiprocessstore.cli.support.ExitCode;
import io.github.multiprocessstore.cli.support.Json;
import io.github.multiprocessstore.cli.support.Stores;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ObjectNode;

/** {@code get STORE ID [--rev REV]}: the winner (or that revision) as JSON on one line. */
@Command(
        name = "get",
        description = "Prints the winning revision of an object (or the revision given) as JSON on one line.",
        mixinStandardHelpOptions = true)
final class GetCommand extends StoreCommand {

    @Parameters(index = "0", paramLabel = "STORE", description = "the store directory")
    Path store;

    @Parameters(index = "1", paramLabel = "ID", description = "the object's id")
    String id;

    @Option(names = "--rev", paramLabel = "REV", description = "print this revision instead of the winner")
    String revision;

    @Option(names = "--pretty", description = "indent the JSON over several lines")
    boolean pretty;

    @Override
    public Integer call() {
        try (ObjectStore objects = Stores.openReadOnly(store)) {
            ObjectNode object;
            if (revision == null) {
                object = objects.findObject(id)
                        .orElseThrow(() -> CliException.notFound(
                                "Object '" + id + "' does not exist in " + objects.path() + " (or is deleted)"));
            } else {
                try {
                    object = objects.getRevision(id, revision);
                } catch (ObjectNotFoundException e) {
                    throw CliException.notFound(
                            "Object '" + id + "' has no revision " + revision + " in " + objects.path());
                }
            }
            out().println(pretty ? Json.pretty(object) : Json.compact(object));
        }
        return ExitCode.OK;
    }
}
