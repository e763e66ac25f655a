package io.github.multiprocessstore.filesystems;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file-system calls of a process traced by {@code strace -f -y -o FILE}, in the order they were made, reduced
 * to what durability is about: writes and syncs of a file (by its path, which {@code -y} prints for every
 * descriptor), publications and retirements (link, rename), directory creations (the markers), file creations.
 */
final class SyscallTrace {

    /** The system calls to trace, for {@code strace -e trace=}. */
    static final String TRACED =
            "openat,write,pwrite64,fsync,fdatasync,sync_file_range,link,linkat,rename,renameat,renameat2,mkdir,mkdirat";

    enum Kind {
        OPEN,
        WRITE,
        SYNC,
        LINK,
        RENAME,
        MKDIR
    }

    /**
     * One call: its kind, and its paths (the descriptor's path for writes and syncs; source and target for links
     * and renames; the path for opens and mkdirs).
     */
    record Call(int index, Kind kind, String name, List<String> paths, String line) {
        String path() {
            return paths.get(0);
        }

        String target() {
            return paths.get(paths.size() - 1);
        }
    }

    private static final Pattern CALL = Pattern.compile("^(?:\\[pid\\s+)?\\d+\\]?\\s+(\\w+)\\((.*)$");
    private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern FIRST_FD_PATH = Pattern.compile("^\\d+<([^>]*)>");

    private final List<Call> calls;

    private SyscallTrace(List<Call> calls) {
        this.calls = calls;
    }

    static SyscallTrace read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Call> calls = new ArrayList<>();
        for (String line : lines) {
            if (line.contains("resumed>") || line.contains("+++") || line.contains("---")) {
                continue; // a call interrupted by another thread's is recorded where it started
            }
            Matcher call = CALL.matcher(line);
            if (!call.find()) {
                continue;
            }
            String name = call.group(1);
            String arguments = call.group(2);
            if (failed(line)) {
                continue;
            }
            Kind kind = switch (name) {
                case "openat" -> Kind.OPEN;
                case "write", "pwrite64" -> Kind.WRITE;
                case "fsync", "fdatasync", "sync_file_range" -> Kind.SYNC;
                case "link", "linkat" -> Kind.LINK;
                case "rename", "renameat", "renameat2" -> Kind.RENAME;
                case "mkdir", "mkdirat" -> Kind.MKDIR;
                default -> null;
            };
            if (kind == null) {
                continue;
            }
            List<String> paths = new ArrayList<>();
            if (kind == Kind.WRITE || kind == Kind.SYNC) {
                Matcher fd = FIRST_FD_PATH.matcher(arguments);
                if (!fd.find()) {
                    continue;
                }
                paths.add(fd.group(1));
            } else {
                Matcher quoted = QUOTED.matcher(arguments);
                while (quoted.find()) {
                    paths.add(quoted.group(1));
                }
                if (paths.isEmpty()) {
                    continue;
                }
                if (kind == Kind.OPEN && !arguments.contains("O_CREAT")) {
                    continue;
                }
            }
            calls.add(new Call(calls.size(), kind, name, List.copyOf(paths), line));
        }
        return new SyscallTrace(calls);
    }

    /** Whether the call returned an error; an unfinished call is taken as succeeding. */
    private static boolean failed(String line) {
        return line.matches(".*\\)\\s+=\\s+-1 .*");
    }

    /** The calls between the creation of two marker directories, exclusive. */
    List<Call> between(String beginMarker, String endMarker) {
        int begin = indexOfMkdir(beginMarker);
        int end = indexOfMkdir(endMarker);
        return calls.subList(begin + 1, end);
    }

    private int indexOfMkdir(String marker) {
        for (Call call : calls) {
            if (call.kind() == Kind.MKDIR && call.path().endsWith("/" + marker)) {
                return call.index();
            }
        }
        throw new AssertionError("the trace has no mkdir of marker " + marker + "; " + calls.size() + " calls");
    }

    List<Call> all() {
        return calls;
    }
}
