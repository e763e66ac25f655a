package io.github.multiprocessstore.benchmarks.harness;

import io.github.multiprocessstore.RevisionName;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The {@code steps} command: the cost, from Java, of each file-system step the engine's operations are made of (stat
 * and listing of an object directory, reading a revision, the lock, the temp file, publishing, fsync), and of listing
 * directories of growing size. Explains where an operation's time goes on the machine at hand; see the README.
 */
final class FileSystemSteps {

    static final Set<String> OPTIONS = Set.of("iterations", "work-dir");

    @FunctionalInterface
    private interface Step {
        void run(int i) throws IOException;
    }

    private final int iterations;
    private final Path root;

    FileSystemSteps(List<String> args) {
        Options options = Options.parse(args, OPTIONS);
        iterations = Math.max(100, options.intValue("iterations", 4_000));
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
        root = Path.of(options.string(
                        "work-dir",
                        Launcher.targetDirectory().resolve("bench-work").toString()))
                .resolve("steps-" + stamp)
                .toAbsolutePath();
    }

    void run() throws IOException {
        Path object = root.resolve("obj-0000001");
        Path revision = object.resolve("0-0123456789abcdef0123456789abcdef");
        Path temp = root.resolve(".mpstore/tmp");
        Path locks = root.resolve(".mpstore/locks");
        Path published = root.resolve("published");
        for (Path directory : List.of(object, temp, locks, published)) {
            Files.createDirectories(directory);
        }
        byte[] document = new byte[300];
        Files.write(revision, document);
        System.out.println("Cost of each step in microseconds (" + iterations + " iterations after " + iterations / 2
                + " of warm-up), in " + root + "; load average " + MachineInfo.loadAverage());
        time(
                "stat of an object directory (readAttributes, NOFOLLOW)",
                iterations,
                i -> Files.readAttributes(object, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        time("list a 1-entry directory (Files.newDirectoryStream)", iterations, i -> list(object));
        try (SecureDirectoryStream<Path> rootStream = (SecureDirectoryStream<Path>) Files.newDirectoryStream(root)) {
            Path relative = object.getFileName();
            time("the same through SecureDirectoryStream.newDirectoryStream(name, NOFOLLOW)", iterations, i -> {
                try (DirectoryStream<Path> entries =
                        rootStream.newDirectoryStream(relative, LinkOption.NOFOLLOW_LINKS)) {
                    entries.forEach(entry -> entry.getFileName().toString());
                }
            });
        } catch (ClassCastException e) {
            System.out.println("(no SecureDirectoryStream on this platform)");
        }
        time("read a 300-byte file (newByteChannel, NOFOLLOW)", iterations, i -> {
            try (var channel =
                    Files.newByteChannel(revision, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
                channel.read(ByteBuffer.allocate((int) channel.size()));
            }
        });
        time("lock: open lock file, lock, release, close", iterations, i -> {
            try (FileChannel channel =
                            FileChannel.open(locks.resolve("68"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock(12_345, 1, false)) {
                lock.isValid();
            }
        });
        try (FileChannel held =
                FileChannel.open(locks.resolve("69"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            time("lock on a channel kept open: lock, release", iterations, i -> {
                try (FileLock lock = held.lock(12_345, 1, false)) {
                    lock.isValid();
                }
            });
        }
        time("new temp file + write 300 bytes + close", iterations, i -> {
            try (FileChannel channel =
                    FileChannel.open(temp.resolve("t" + i), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(document));
            }
        });
        time("publish: link into the object directory + unlink the temp name", iterations, i -> {
            Files.createLink(published.resolve("l" + i), temp.resolve("t" + i));
            Files.delete(temp.resolve("t" + i));
        });
        for (int i = 0; i < iterations * 3 / 2; i++) {
            Files.createFile(temp.resolve("r" + i));
        }
        time(
                "publish: rename into the object directory",
                iterations,
                i -> Files.move(temp.resolve("r" + i), published.resolve("r" + i), StandardCopyOption.ATOMIC_MOVE));
        time("create an object: mkdir staging + file + write + rename", iterations, i -> {
            Path staging = temp.resolve("s" + i);
            Files.createDirectory(staging);
            try (FileChannel channel =
                    FileChannel.open(staging.resolve("0-x"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(document));
            }
            Files.move(staging, root.resolve("o" + i), StandardCopyOption.ATOMIC_MOVE);
        });
        time("fsync a new 300-byte file", Math.max(100, iterations / 10), i -> {
            try (FileChannel channel = FileChannel.open(
                    published.resolve("f" + i), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(document));
                channel.force(true);
            }
        });
        time("fsync a directory (open, force, close)", Math.max(100, iterations / 10), i -> {
            try (FileChannel channel = FileChannel.open(object, StandardOpenOption.READ)) {
                channel.force(true);
            }
        });
        SplittableRandom random = new SplittableRandom(1);
        for (int size : new int[] {10, 100, 1_000, 4_000}) {
            Path directory = root.resolve("revisions-" + size);
            Files.createDirectories(directory);
            for (int n = 0; n < size; n++) {
                Files.createFile(
                        directory.resolve(RevisionName.random(n, random).name()));
            }
            time("list a directory of " + size + " revision files", Math.max(50, 40_000 / size), i -> list(directory));
        }
        System.out.println(
                "Left in place (deleting files slows file creation for minutes on some file systems): " + root);
    }

    private static void list(Path directory) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            entries.forEach(entry -> entry.getFileName().toString());
        }
    }

    /** Runs the step on indexes {@code count..count*3/2} to warm up, then times it on {@code 0..count}. */
    private static void time(String label, int count, Step step) throws IOException {
        for (int i = count; i < count * 3 / 2; i++) {
            step.run(i);
        }
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            step.run(i);
        }
        System.out.printf(Locale.ROOT, "%-72s %9.1f%n", label, (System.nanoTime() - started) / 1e3 / count);
    }
}
