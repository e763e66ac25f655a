package io.github.multiprocessstore.cli;

import io.github.multiprocessstore.InvalidIdException;
import io.github.multiprocessstore.ObjectNotFoundException;
import io.github.multiprocessstore.StoreException;
import io.github.multiprocessstore.cli.command.Commands;
import io.github.multiprocessstore.cli.support.CliException;
import io.github.multiprocessstore.cli.support.ExitCode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;

/**
 * {@code mpstore}, the operator's command line for a store: parses the command with picocli, runs it, and turns
 * every outcome into an exit code ({@link ExitCode}) and, for an error, one line on stderr (the stack trace and the
 * engine's log only with {@code --debug}).
 */
@Command(
        name = "mpstore",
        mixinStandardHelpOptions = true,
        versionProvider = Mpstore.Version.class,
        description = {
            "Inspects, verifies, compacts, replicates, exports and imports a multiprocess-store store (a collection"
                    + " directory, written by this library or by the npm package multiprocess-store).",
            "Exit codes: 0 success, 1 problems found (verify, conflicts --check), 2 bad usage, 3 no such object,"
                    + " 4 the store cannot be read or written."
        },
        subcommandsRepeatable = false)
public final class Mpstore implements Runnable {

    @Option(
            names = "--debug",
            scope = ScopeType.INHERIT,
            description = "print stack traces and the engine's log on stderr")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command");
    }

    /** Runs {@code mpstore} and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs one command line.
     *
     * @return the exit code
     */
    static int run(String[] args, PrintStream stdout, PrintStream stderr) {
        Mpstore root = new Mpstore();
        CommandLine commandLine = new CommandLine(root);
        Commands.all().forEach(commandLine::addSubcommand);
        // `source <(mpstore generate-completion)` completes commands and options in bash and zsh
        commandLine.addSubcommand(new picocli.AutoComplete.GenerateCompletion());
        PrintWriter out = new PrintWriter(
                new BufferedWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), 1 << 16), false);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8), true);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler((e, arguments) -> usageError(e.getCommandLine(), e.getMessage()));
        commandLine.setExecutionStrategy(parseResult -> {
            configureLogging(root.debug);
            return new CommandLine.RunLast().execute(parseResult);
        });
        commandLine.setExecutionExceptionHandler((e, failed, parseResult) -> {
            out.flush();
            return failure(e, failed, root.debug);
        });
        try {
            return commandLine.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static int usageError(CommandLine command, String message) {
        PrintWriter err = command.getErr();
        String prefix = command.getParent() == null ? "mpstore: " : "mpstore " + command.getCommandName() + ": ";
        err.println(prefix + oneLine(message));
        command.usage(err);
        return ExitCode.USAGE;
    }

    /** The exit code of an error, after its line on stderr. */
    private static int failure(Exception e, CommandLine command, boolean debug) {
        PrintWriter err = command.getErr();
        int code;
        Throwable reported = e;
        if (e instanceof CliException cli) {
            code = cli.exitCode();
            if (cli.showUsage()) {
                return usageError(command, cli.getMessage());
            }
        } else if (e instanceof ObjectNotFoundException) {
            code = ExitCode.NOT_FOUND;
        } else if (e instanceof InvalidIdException || e instanceof IllegalArgumentException) {
            return usageError(command, e.getMessage());
        } else if (e instanceof StoreException || e instanceof IOException || e instanceof UncheckedIOException) {
            code = ExitCode.STORE_ERROR;
        } else {
            code = ExitCode.STORE_ERROR;
            reported = new IllegalStateException("unexpected error (" + e + "); run with --debug for details", e);
        }
        err.println("mpstore " + command.getCommandName() + ": " + oneLine(reported.getMessage()));
        if (debug) {
            e.printStackTrace(err);
        }
        return code;
    }

    private static String oneLine(String message) {
        return message == null ? "(no message)" : message.replace("\r", "").replace('\n', ' ');
    }

    /**
     * The engine logs through {@link System.Logger} (java.util.logging here): silent by default, as every problem
     * a command meets is reported on its own terms; with {@code --debug}, everything, one line a record.
     */
    private static void configureLogging(boolean debug) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        if (!debug) {
            root.setLevel(Level.OFF);
            return;
        }
        root.setLevel(Level.ALL);
        ConsoleHandler handler = new ConsoleHandler();
        handler.setLevel(Level.ALL);
        handler.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord record) {
                String line = record.getLevel() + " " + record.getLoggerName() + ": " + formatMessage(record)
                        + System.lineSeparator();
                if (record.getThrown() != null) {
                    java.io.StringWriter trace = new java.io.StringWriter();
                    record.getThrown().printStackTrace(new PrintWriter(trace));
                    line += trace;
                }
                return line;
            }
        });
        root.addHandler(handler);
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Mpstore.class.getPackage().getImplementationVersion();
            return new String[] {"mpstore " + (version == null ? "(development build)" : version)};
        }
    }
}
