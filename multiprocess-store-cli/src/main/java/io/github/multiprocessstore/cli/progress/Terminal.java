package io.github.multiprocessstore.cli.progress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Decides whether a progress bar goes to stderr. Java 17 cannot ask whether stderr alone is a terminal
 * ({@link System#console()} is there only when stdin and stdout both are, so {@code mpstore export > file} would
 * lose its bar, and {@code mpstore ls 2> log} would write one into the log). So:
 * <ol>
 * <li>{@code MPSTORE_PROGRESS=always} or {@code never} decides (for scripts and tests);</li>
 * <li>else, with {@code TERM=dumb}, never;</li>
 * <li>else, on Linux, stderr is a terminal when {@code /proc/self/fd/2} links to a terminal device
 * ({@code /dev/pts/N}, {@code /dev/ttyN}, {@code /dev/console});</li>
 * <li>elsewhere, when {@link System#console()} is there.</li>
 * </ol>
 */
public final class Terminal {

    /** The environment variable that overrides the detection: {@code always}, {@code never} or {@code auto}. */
    public static final String OVERRIDE = "MPSTORE_PROGRESS";

    private Terminal() {}

    /** Whether this process's stderr is a terminal, by the rules above. */
    public static boolean stderrIsTerminal() {
        return stderrIsTerminal(System.getenv(), Path.of("/proc/self/fd/2"));
    }

    static boolean stderrIsTerminal(Map<String, String> environment, Path stderrLink) {
        String override = environment.getOrDefault(OVERRIDE, "auto").trim().toLowerCase(Locale.ROOT);
        if (override.equals("always")) {
            return true;
        }
        if (override.equals("never")) {
            return false;
        }
        if ("dumb".equals(environment.get("TERM"))) {
            return false;
        }
        if (Files.isSymbolicLink(stderrLink)) {
            try {
                String target = Files.readSymbolicLink(stderrLink).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return System.console() != null;
    }
}
