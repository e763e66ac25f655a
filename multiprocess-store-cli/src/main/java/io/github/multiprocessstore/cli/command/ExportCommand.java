package io.github.multiprocessstore.cli.command;

import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.cli.progress.ProgressBar;
import io.github.multiprocessstore.cli.scan.ParallelScan;
import io.github.multiprocessstore.cli.support.CliException;
import io.github.multiprocessstore.cli.support.ExitCode;
import io.github.multiprocessstore.cli.support.Stores;
import io.github.multiprocessstore.cli.transfer.Export;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code export STORE}: the live winners as NDJSON, to stdout or {@code --out FILE}. Not a backup. */
@Command(
        name = "export",
        description = {
            "Writes the winner of every live object as NDJSON (one JSON object a line, with _id and _rev), sorted by"
                    + " id, to stdout or --out FILE.",
            "Not a backup: it keeps neither history, nor conflicts, nor deleted objects (use replicate into an empty"
                    + " directory for that)."
        },
        mixinStandardHelpOptions = true)
final class ExportCommand extends StoreCommand {

    @Parameters(index = "0", paramLabel = "STORE", description = "the store directory")
    Path store;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "write to this file (replaced once the export is complete) instead of stdout")
    Path file;

    @Override
    public Integer call() {
        try (ObjectStore objects = Stores.openReadOnly(store);
                ProgressBar.Progress progress = ProgressBar.forStderr("export");
                ParallelScan scan = new ParallelScan()) {
            if (file == null) {
                Export.run(objects, scan, progress.listener(), out(), this::warn);
                return ExitCode.OK;
            }
            Path target = file.toAbsolutePath().normalize();
            Path temp = target.resolveSibling("." + target.getFileName() + ".mpstore-export.tmp");
            try {
                try (Writer writer =
                        new BufferedWriter(Files.newBufferedWriter(temp, StandardCharsets.UTF_8), 1 << 16)) {
                    Export.run(objects, scan, progress.listener(), writer, this::warn);
                }
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | UncheckedIOException e) {
                deleteQuietly(temp);
                throw CliException.store("Could not write the export to " + target + ": " + e, e);
            }
        }
        return ExitCode.OK;
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // the error being reported is the one that matters
        }
    }
}
