package io.github.multiprocessstore.filesystems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.multiprocessstore.ChildJvm;
import io.github.multiprocessstore.filesystems.SyscallTrace.Call;
import io.github.multiprocessstore.filesystems.SyscallTrace.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability proven from the system calls: a child JVM runs one write of every kind ({@link DurabilityWorker})
 * under {@code strace -f}, and for each write the trace must show that every temp file (or staged object
 * directory with its file) was fsynced after its last write and before it was published (link or rename), and
 * that the directory it was published into was fsynced after the publication and before the write returned; a
 * resolution's retirement must be followed by fsyncs of both directories it changed. With {@code durable(false)}
 * the same writes make no sync call at all. Removing or moving any of the engine's syncs fails a check here.
 */
@Tag("filesystems")
class DurabilityIT {

    @TempDir
    Path temp;

    @BeforeAll
    static void straceWorks() {
        HostTools.assumeTools("strace");
        assumeTrue(
                HostTools.run("strace", "-f", "-o", "/dev/null", "true").ok(),
                "strace cannot trace here (ptrace not permitted: run as root, or set kernel.yama.ptrace_scope=0)");
    }

    @Test
    void everyDurableWriteSyncsItsFileBeforePublishingAndItsDirectoryAfter() throws Exception {
        Path store = Files.createDirectories(temp.resolve("store")).toRealPath();
        SyscallTrace trace = runTraced(store, "durable");

        List<String> problems = new ArrayList<>();
        for (int n = 0; n < DurabilityWorker.KINDS.size(); n++) {
            String kind = DurabilityWorker.KINDS.get(n);
            String prefix = String.format("%02d-%s", n, kind);
            List<Call> window = trace.between(prefix + "-begin", prefix + "-end");
            problems.addAll(checkDurable(kind, store, window));
        }

        assertThat(problems).as("durability violations in the trace").isEmpty();
    }

    @Test
    void nonDurableWritesMakeNoSyncCall() throws Exception {
        Path store = Files.createDirectories(temp.resolve("store")).toRealPath();
        SyscallTrace trace = runTraced(store, "fast");

        for (int n = 0; n < DurabilityWorker.KINDS.size(); n++) {
            String kind = DurabilityWorker.KINDS.get(n);
            String prefix = String.format("%02d-%s", n, kind);
            List<Call> window = trace.between(prefix + "-begin", prefix + "-end");
            assertThat(window.stream().filter(call -> call.kind() == Kind.SYNC))
                    .as("sync calls of the non-durable " + kind)
                    .isEmpty();
            assertThat(publications(store, window).size()
                            + retirements(store, window).size())
                    .as("what the non-durable " + kind + " published or retired")
                    .isPositive();
        }
    }

    private SyscallTrace runTraced(Path store, String mode) throws Exception {
        Path markers = Files.createDirectories(temp.resolve("markers")).toRealPath();
        Path traceFile = temp.resolve("strace-" + mode + ".txt");
        List<String> strace = List.of(
                "strace",
                "-f",
                "-qq",
                "-y",
                "-s",
                "0",
                "-e",
                "trace=" + SyscallTrace.TRACED,
                "-o",
                traceFile.toString());
        try (ChildJvm child = ChildJvm.startUnder(
                strace,
                temp,
                "durability-" + mode,
                List.of(),
                DurabilityWorker.class,
                store.toString(),
                markers.toString(),
                mode)) {
            child.awaitSuccess();
        }
        return SyscallTrace.read(traceFile);
    }

    /** What a durable write of this kind must have done, as a list of violations (empty if none). */
    private static List<String> checkDurable(String kind, Path store, List<Call> window) {
        List<String> problems = new ArrayList<>();
        List<Call> publications = publications(store, window);
        List<Call> retirements = retirements(store, window);
        int expectedPublications = switch (kind) {
            case "resolve-choosing" -> 0;
            case "update-conflicting-again" -> 2;
            default -> 1;
        };
        int expectedRetirements = kind.startsWith("resolve") ? 1 : 0;
        if (publications.size() != expectedPublications) {
            problems.add(kind + ": expected " + expectedPublications + " publication(s), saw " + publications);
        }
        if (retirements.size() < expectedRetirements) {
            problems.add(kind + ": expected a retirement, saw none");
        }
        for (Call publication : publications) {
            String source = publication.path();
            if (source.endsWith(".obj")) {
                // a new object: its staged directory and the revision file in it, synced before the rename
                List<Call> stagedFiles = window.stream()
                        .filter(call -> call.kind() == Kind.OPEN
                                && call.index() < publication.index()
                                && call.path().startsWith(source + "/"))
                        .toList();
                if (stagedFiles.isEmpty()) {
                    problems.add(kind + ": no file was created in the staged directory " + source);
                }
                for (Call file : stagedFiles) {
                    requireSyncedBefore(kind, window, file.path(), publication, problems);
                }
                requireSyncedBefore(kind, window, source, publication, problems);
            } else {
                requireSyncedBefore(kind, window, source, publication, problems);
            }
            requireSyncedAfter(kind, window, parent(publication.target()), publication, problems);
        }
        for (Call retirement : retirements) {
            requireSyncedAfter(kind, window, parent(retirement.target()), retirement, problems);
            requireSyncedAfter(kind, window, parent(retirement.path()), retirement, problems);
        }
        return problems;
    }

    /** A sync of {@code path} after its last write and before {@code publication}. */
    private static void requireSyncedBefore(
            String kind, List<Call> window, String path, Call publication, List<String> problems) {
        int lastWrite = -1;
        int lastSync = -1;
        for (Call call : window) {
            if (call.index() >= publication.index()) {
                continue;
            }
            boolean entryCreatedInIt = (call.kind() == Kind.OPEN || call.kind() == Kind.MKDIR)
                    && parent(call.path()).equals(path);
            if (entryCreatedInIt) {
                lastWrite = call.index();
            } else if (!call.path().equals(path)) {
                continue;
            } else if (call.kind() == Kind.WRITE || call.kind() == Kind.OPEN || call.kind() == Kind.MKDIR) {
                lastWrite = call.index();
            } else if (call.kind() == Kind.SYNC) {
                lastSync = call.index();
            }
        }
        if (lastSync < 0 || lastSync < lastWrite) {
            problems.add(kind + ": " + path + " was not synced after its last write and before it was published by "
                    + publication.line());
        }
    }

    /** A sync of the directory {@code path} after {@code change}, within the write's window. */
    private static void requireSyncedAfter(
            String kind, List<Call> window, String directory, Call change, List<String> problems) {
        boolean synced = window.stream()
                .anyMatch(call -> call.kind() == Kind.SYNC
                        && call.index() > change.index()
                        && call.path().equals(directory));
        if (!synced) {
            problems.add(kind + ": directory " + directory + " was not synced after " + change.line()
                    + " before the write returned");
        }
    }

    /** Links and renames from the store's temp area to a place readers see. */
    private static List<Call> publications(Path store, List<Call> window) {
        String tmp = store.resolve(".mpstore/tmp").toString() + "/";
        String engine = store.resolve(".mpstore").toString() + "/";
        return window.stream()
                .filter(call -> (call.kind() == Kind.LINK || call.kind() == Kind.RENAME)
                        && call.paths().size() == 2
                        && call.path().startsWith(tmp)
                        && call.target().startsWith(store + "/")
                        && !call.target().startsWith(engine))
                .toList();
    }

    /** Renames of live revisions into the trash. */
    private static List<Call> retirements(Path store, List<Call> window) {
        String trash = store.resolve(".mpstore/trash").toString() + "/";
        String engine = store.resolve(".mpstore").toString() + "/";
        return window.stream()
                .filter(call -> call.kind() == Kind.RENAME
                        && call.paths().size() == 2
                        && call.target().startsWith(trash)
                        && call.path().startsWith(store + "/")
                        && !call.path().startsWith(engine))
                .toList();
    }

    private static String parent(String path) {
        return path.substring(0, path.lastIndexOf('/'));
    }
}
