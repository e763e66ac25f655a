package io.github.multiprocessstore.cli.command;

import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.cli.support.CliException;
import io.github.multiprocessstore.cli.support.ExitCode;
import io.github.multiprocessstore.cli.support.Json;
import io.github.multiprocessstore.cli.support.Stores;
import io.github.multiprocessstore.cli.transfer.Import;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code import STORE FILE}: reads NDJSON ({@code -} = stdin), validates all of it, then creates the missing
 * objects and treats existing ids as {@code --existing} says. Creates the store if missing.
 */
@Command(
        name = "import",
        description = {
            "Reads NDJSON (FILE, or - for stdin): one JSON object a line with a string _id (a _rev is ignored).",
            "The whole input is validated first: a malformed line, or an existing id under --existing fail, stops the"
                    + " import with the line number before anything is written. Then missing objects are created and"
                    + " existing ones skipped or updated (on top of the current winner, never a conflict).",
            "The store is created if missing."
        },
        mixinStandardHelpOptions = true)
final class ImportCommand extends StoreCommand {

    @Parameters(index = "0", paramLabel = "STORE", description = "the store directory (created if missing)")
    Path store;

    @Parameters(index = "1", paramLabel = "FILE", description = "the NDJSON file, or - for stdin")
    String input;

    @Option(
            names = "--existing",
            paramLabel = "skip|update|fail",
            defaultValue = "fail",
            converter = ExistingConverter.class,
            description = "what to do with an id that is a live object already (default: ${DEFAULT-VALUE})")
    Import.Existing existing;

    @Option(names = "--json", description = "print the summary as JSON")
    boolean json;

    @Option(names = "--no-fsync", description = "do not fsync each write (faster; a crash may lose the latest)")
    boolean noFsync;

    /** Parses {@code skip}, {@code update}, {@code fail}. */
    static final class ExistingConverter implements picocli.CommandLine.ITypeConverter<Import.Existing> {
        @Override
        public Import.Existing convert(String value) {
            for (Import.Existing candidate : Import.Existing.values()) {
                if (candidate.value().equals(value.toLowerCase(Locale.ROOT))) {
                    return candidate;
                }
            }
            throw new picocli.CommandLine.TypeConversionException("use skip, update or fail");
        }
    }

    @Override
    public Integer call() throws IOException {
        Path path = store.toAbsolutePath().normalize();
        boolean storeExists = Files.exists(path);
        if (storeExists) {
            Stores.requireExistingStore(path);
        }
        List<Import.Entry> entries = readInput();
        if (storeExists) {
            try (ObjectStore current = Stores.openReadOnly(path)) {
                Import.checkExisting(entries, current::exists, existing, source(), path.toString());
            }
        }
        Import.Summary summary;
        try (ObjectStore objects = ObjectStore.builder(path)
                .jsonMapper(Json.MAPPER)
                .durable(!noFsync)
                .readCacheBytes(0)
                .build()) {
            summary = Import.write(objects, entries, existing);
        }
        if (json) {
            ObjectNode node = Json.MAPPER.createObjectNode();
            node.put("store", path.toString());
            node.put("objects", summary.objects());
            node.put("created", summary.created());
            node.put("updated", summary.updated());
            node.put("skipped", summary.skipped());
            out().println(Json.spaced(node));
        } else {
            out().printf(
                            Locale.ROOT,
                            "Imported %d object%s into %s: %d created, %d updated, %d skipped%n",
                            summary.objects(),
                            summary.objects() == 1 ? "" : "s",
                            path,
                            summary.created(),
                            summary.updated(),
                            summary.skipped());
        }
        return ExitCode.OK;
    }

    private List<Import.Entry> readInput() throws IOException {
        if (input.equals("-")) {
            BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            return Import.read(stdin, source());
        }
        Path file = Path.of(input);
        if (!Files.isRegularFile(file)) {
            throw CliException.usage("Input file " + file.toAbsolutePath() + " does not exist or is not a file");
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return Import.read(reader, source());
        }
    }

    private String source() {
        return input.equals("-") ? "stdin" : input;
    }
}
