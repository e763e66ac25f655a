package io.github.multiprocessstore.cli.support;

/**
 * An error a command reports to the operator as one line on stderr, with the exit code it means (see
 * {@link ExitCode}).
 */
public class CliException extends RuntimeException {

    private final int exitCode;
    private final boolean showUsage;

    private CliException(int exitCode, String message, boolean showUsage, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
        this.showUsage = showUsage;
    }

    /** Bad usage (exit 2); the command's usage follows the message. */
    public static CliException usage(String message) {
        return new CliException(ExitCode.USAGE, message, true, null);
    }

    /** Unusable input (exit 2), e.g. a malformed import line; no usage follows, as the command line was right. */
    public static CliException badInput(String message) {
        return new CliException(ExitCode.USAGE, message, false, null);
    }

    /** The object or revision does not exist (exit 3). */
    public static CliException notFound(String message) {
        return new CliException(ExitCode.NOT_FOUND, message, false, null);
    }

    /** The store cannot be read or written (exit 4); the message names the path and the cause. */
    public static CliException store(String message, Throwable cause) {
        return new CliException(ExitCode.STORE_ERROR, message, false, cause);
    }

    /** The exit code this error means. */
    public int exitCode() {
        return exitCode;
    }

    /** Whether the command's usage should follow the message. */
    public boolean showUsage() {
        return showUsage;
    }
}
