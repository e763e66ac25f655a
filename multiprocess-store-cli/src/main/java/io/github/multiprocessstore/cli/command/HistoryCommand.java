package io.github.multiprocessstore.cli.command;

import io.github.multiprocessstore.ObjectNotFoundException;
import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.cli.support.CliException;
import io.github.multiprocessstore.cli.support.ExitCode;
import io.github.multiprocessstore.cli.support.Stores;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code history STORE ID}: the revision names, oldest first, the winner last. */
@Command(
        name = "history",
        description = "Prints an object's revision names, one per line, oldest first, the winner last.",
        mixinStandardHelpOptions = true)
final class HistoryCommand extends StoreCommand {

    @Parameters(index = "0", paramLabel = "STORE", description = "the store directory")
    Path store;

    @Parameters(index = "1", paramLabel = "ID", description = "the object's id")
    String id;

    @Override
    public Integer call() {
        try (ObjectStore objects = Stores.openReadOnly(store)) {
            List<String> revisions;
            try {
                revisions = objects.getRevisions(id);
            } catch (ObjectNotFoundException e) {
                revisions = List.of();
            }
            if (revisions.isEmpty()) {
                throw CliException.notFound("Object '" + id + "' does not exist in " + objects.path());
            }
            revisions.forEach(out()::println);
        }
        return ExitCode.OK;
    }
}
