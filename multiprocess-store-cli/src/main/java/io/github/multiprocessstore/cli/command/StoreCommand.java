package io.github.multiprocessstore.cli.command;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every command has: where its output and warnings go. A command returns its exit code. */
abstract class StoreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** A one-line warning on stderr; the command goes on. */
    void warn(String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("mpstore " + spec.name() + ": warning: " + message.replace('\n', ' '));
        err.flush();
    }
}
