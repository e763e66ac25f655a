package io.github.multiprocessstore.cli.command;

import io.github.multiprocessstore.cli.progress.ProgressBar;
import io.github.multiprocessstore.cli.scan.ParallelScan;
import io.github.multiprocessstore.cli.scan.Problem;
import io.github.multiprocessstore.cli.scan.Verification;
import io.github.multiprocessstore.cli.support.Durations;
import io.github.multiprocessstore.cli.support.ExitCode;
import io.github.multiprocessstore.cli.support.Json;
import io.github.multiprocessstore.cli.support.Stores;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ArrayNode;

/** {@code verify STORE}: one line per problem, {@code KIND<TAB>PATH<TAB>message}; exit 1 when there is any. */
@Command(
        name = "verify",
        description = {
            "Checks every object directory and revision file, and the temp area, changing nothing.",
            "Prints one line per problem, KIND<TAB>PATH<TAB>message, sorted by path, and exits with 1 when there is"
                    + " any. Kinds: NOT_JSON, NOT_AN_OBJECT, NOT_A_REVISION, STRAY, EMPTY_OBJECT, OLD_TEMP, SYMLINK,"
                    + " UNREADABLE."
        },
        mixinStandardHelpOptions = true)
final class VerifyCommand extends StoreCommand {

    @Parameters(index = "0", paramLabel = "STORE", description = "the store directory")
    Path store;

    @Option(
            names = "--temp-file-grace-period",
            paramLabel = "DURATION",
            defaultValue = "1h",
            description = "age from which a temp file counts as left by a crashed writer (default: ${DEFAULT-VALUE})")
    String gracePeriod;

    @Option(names = "--json", description = "print the problems as a JSON array of {kind, path, message}")
    boolean json;

    @Override
    public Integer call() {
        Verification verification = new Verification(
                absolute(), Durations.parse("--temp-file-grace-period", gracePeriod), Clock.systemUTC());
        Stores.requireExistingStore(store);
        List<Problem> problems;
        try (ProgressBar.Progress progress = ProgressBar.forStderr("verify");
                ParallelScan scan = new ParallelScan()) {
            problems = verification.run(scan, progress.listener());
        }
        if (json) {
            ArrayNode array = Json.MAPPER.createArrayNode();
            problems.forEach(problem -> array.addObject()
                    .put("kind", problem.kind().name())
                    .put("path", problem.path().toString())
                    .put("message", problem.message()));
            out().println(Json.spaced(array));
        } else {
            problems.forEach(problem -> out().println(problem.line()));
        }
        return problems.isEmpty() ? ExitCode.OK : ExitCode.PROBLEMS_FOUND;
    }

    private Path absolute() {
        return store.toAbsolutePath().normalize();
    }
}
