package io.github.multiprocessstore.cli.command;

import java.util.List;
import java.util.concurrent.Callable;

/** Every command of {@code mpstore}, in the order the help lists them. */
public final class Commands {

    private Commands() {}

    /** A new instance of each command (picocli fills in its fields). */
    public static List<Callable<Integer>> all() {
        return List.of(
                new LsCommand(),
                new GetCommand(),
                new HistoryCommand(),
                new ConflictsCommand(),
                new ResolveCommand(),
                new CompactCommand(),
                new ReplicateCommand(),
                new VerifyCommand(),
                new StatsCommand(),
                new ExportCommand(),
                new ImportCommand());
    }
}
