package io.github.multiprocessstore.cli.scan;

import io.github.multiprocessstore.ProgressListener;
import io.github.multiprocessstore.RevisionName;
import io.github.multiprocessstore.StoreFileNames;
import io.github.multiprocessstore.cli.scan.Problem.Kind;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * {@code verify}: checks every object directory and revision file of a store, and its temp area, reading each file
 * once, in parallel, and holding only the problems found. Never changes anything.
 */
public final class Verification {

    private final Path store;
    private final Duration tempFileGracePeriod;
    private final Clock clock;

    /**
     * @param store               the store directory (existing)
     * @param tempFileGracePeriod how old a temp file must be to count as left by a crashed writer
     * @param clock               the time temp files are compared with
     */
    public Verification(Path store, Duration tempFileGracePeriod, Clock clock) {
        this.store = store;
        this.tempFileGracePeriod = tempFileGracePeriod;
        this.clock = clock;
    }

    /**
     * Checks the store.
     *
     * @return the problems, sorted by path, then kind
     */
    public List<Problem> run(ParallelScan scan, ProgressListener progress) {
        List<Problem> problems = new ArrayList<>();
        List<String> names = TopLevel.names(store).stream()
                .filter(name -> !name.startsWith("."))
                .toList();
        scan.run(names, this::checkObject, problems::addAll, progress);
        checkTempFiles(problems);
        problems.sort(Comparator.comparing(Problem::path).thenComparing(Problem::kind));
        return problems;
    }

    private List<Problem> checkObject(String name) {
        Path directory = store.resolve(name);
        List<Problem> problems = new ArrayList<>(0);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(directory, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException removed) {
            return problems; // removed while we looked (a compaction)
        } catch (IOException e) {
            problems.add(new Problem(Kind.UNREADABLE, directory, "cannot be inspected: " + e));
            return problems;
        }
        if (attributes.isSymbolicLink()) {
            problems.add(new Problem(
                    Kind.SYMLINK,
                    directory,
                    "is a symbolic link where an object directory belongs; the store never follows it (remove it)"));
            return problems;
        }
        if (!attributes.isDirectory()) {
            problems.add(new Problem(
                    Kind.STRAY, directory, "is a file where an object directory belongs; not an object (remove it)"));
            return problems;
        }
        if (StoreFileNames.idOfDirectory(name).isEmpty()) {
            problems.add(new Problem(
                    Kind.STRAY,
                    directory,
                    "is not a name the store gives objects (not a valid id encoding); the store ignores it"));
            return problems;
        }
        String[] entries = directory.toFile().list();
        if (entries == null) {
            if (Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                problems.add(new Problem(Kind.UNREADABLE, directory, "cannot be listed (check its permissions)"));
            }
            return problems;
        }
        Arrays.sort(entries);
        int revisions = 0;
        for (String entry : entries) {
            Path file = directory.resolve(entry);
            if (!RevisionName.isValid(entry)) {
                problems.add(new Problem(
                        Kind.NOT_A_REVISION,
                        file,
                        "is not a revision name (<N>-<32 hex>); the store ignores it (move it out of the store)"));
                continue;
            }
            revisions++;
            checkRevision(file, problems);
        }
        if (revisions == 0) {
            problems.add(new Problem(
                    Kind.EMPTY_OBJECT,
                    directory,
                    "holds no revision file (left by a crashed writer?); the object counts as absent (remove it)"));
        }
        return problems;
    }

    private static void checkRevision(Path file, List<Problem> problems) {
        byte[] bytes;
        try {
            bytes = RevisionFile.read(file);
        } catch (NoSuchFileException removed) {
            return; // retired while we looked
        } catch (IOException e) {
            problems.add(unreadable(file, e));
            return;
        }
        RevisionFile.Checked checked = RevisionFile.check(bytes);
        switch (checked.content()) {
            case NOT_JSON ->
                problems.add(new Problem(
                        Kind.NOT_JSON,
                        file,
                        "is not JSON (" + checked.complaint() + "); fix or remove it, or resolve the object"));
            case NOT_AN_OBJECT ->
                problems.add(new Problem(
                        Kind.NOT_AN_OBJECT,
                        file,
                        "holds JSON that is not an object; fix or remove it, or resolve the object"));
            default -> {
                // a good revision
            }
        }
    }

    /** Tells a symbolic link or a directory from a file that cannot be read, after the read failed. */
    private static Problem unreadable(Path file, IOException e) {
        try {
            BasicFileAttributes attributes =
                    Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (attributes.isSymbolicLink()) {
                return new Problem(
                        Kind.SYMLINK,
                        file,
                        "is a symbolic link where a revision file belongs; the store never follows it (remove it)");
            }
            if (attributes.isDirectory()) {
                return new Problem(Kind.UNREADABLE, file, "is a directory where a revision file belongs (remove it)");
            }
        } catch (IOException ignored) {
            // the read's error says it
        }
        return new Problem(Kind.UNREADABLE, file, "cannot be read: " + e);
    }

    private void checkTempFiles(List<Problem> problems) {
        Path temp = StoreFileNames.tempDirectory(store);
        if (!Files.isDirectory(temp, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Instant olderThan = clock.instant().minus(tempFileGracePeriod);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(temp)) {
            for (Path entry : entries) {
                try {
                    Instant modified = Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS)
                            .toInstant();
                    if (modified.isBefore(olderThan)) {
                        problems.add(
                                new Problem(
                                        Kind.OLD_TEMP,
                                        entry,
                                        "is a temp file older than "
                                                + tempFileGracePeriod
                                                        .toString()
                                                        .substring(2)
                                                        .toLowerCase(java.util.Locale.ROOT)
                                                + ", left by a crashed writer; the next writable open of the store removes it"));
                    }
                } catch (NoSuchFileException gone) {
                    // finished meanwhile
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            problems.add(new Problem(Kind.UNREADABLE, temp, "cannot be listed: " + e));
        }
    }
}
