package io.github.multiprocessstore.cli.support;

/** The exit codes of {@code mpstore}, the same for every command. */
public final class ExitCode {

    /** The command did what was asked. */
    public static final int OK = 0;

    /** The command ran and found problems ({@code verify}, {@code conflicts --check}). */
    public static final int PROBLEMS_FOUND = 1;

    /** Bad usage: unknown command or option, a missing or unusable argument, unusable input. */
    public static final int USAGE = 2;

    /** The object (or the revision) does not exist. */
    public static final int NOT_FOUND = 3;

    /** The store cannot be read or written; the message names the path and the cause. */
    public static final int STORE_ERROR = 4;

    private ExitCode() {}
}
