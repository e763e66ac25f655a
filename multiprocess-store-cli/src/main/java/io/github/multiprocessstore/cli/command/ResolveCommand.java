package io.github.multiprocessstore.cli.command;

import io.github.multiprocessstore.ObjectNotFoundException;
import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.cli.support.CliException;
import io.github.multiprocessstore.cli.support.ExitCode;
import io.github.multiprocessstore.cli.support.Stores;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code resolve STORE ID REV}: keeps REV, retires its rivals (to the trash); prints the new winner's revision. */
@Command(
        name = "resolve",
        description = {
            "Resolves the conflict holding REV: keeps REV and moves the other revisions with its number to the"
                    + " store's trash (.mpstore/trash), under the object's lock.",
            "Prints the revision that wins afterwards."
        },
        mixinStandardHelpOptions = true)
final class ResolveCommand extends StoreCommand {

    @Parameters(index = "0", paramLabel = "STORE", description = "the store directory")
    Path store;

    @Parameters(index = "1", paramLabel = "ID", description = "the object's id")
    String id;

    @Parameters(index = "2", paramLabel = "REV", description = "the revision to keep")
    String revision;

    @Option(names = "--no-fsync", description = "do not fsync the changes (faster; a crash may undo them)")
    boolean noFsync;

    @Override
    public Integer call() {
        try (ObjectStore objects = Stores.openWritable(store, !noFsync)) {
            try {
                out().println(objects.resolveConflict(id, revision).get("_rev").asString());
            } catch (ObjectNotFoundException e) {
                throw CliException.notFound("Object '" + id + "' has no revision " + revision + " in " + objects.path()
                        + " (see: mpstore history " + store + " " + id + ")");
            }
        }
        return ExitCode.OK;
    }
}
