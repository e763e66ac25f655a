package io.github.multiprocessstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the store looks like on disk, read with plain {@link Files} calls so that file-format claims are checked
 * against the files themselves rather than against the engine's own view of them.
 */
final class DiskLayout {

    /** The name of a revision file: {@code <N>-<32 lowercase hex>}, N without leading zeros, at most 15 digits. */
    static final Pattern REVISION_NAME = Pattern.compile("(0|[1-9][0-9]{0,14})-[0-9a-f]{32}");

    /** The engine's own area at the top level of a store. */
    static final String ENGINE_DIR = ".mpstore";

    private DiskLayout() {}

    /** The names in a directory, sorted; empty if it does not exist. */
    static List<String> names(Path directory) {
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every path below a directory (not following links), relative to it, sorted. */
    static List<String> tree(Path directory) {
        try (Stream<Path> entries = Files.walk(directory)) {
            return entries.filter(p -> !p.equals(directory))
                    .map(p -> directory.relativize(p).toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The revision numbers that two or more files of an object directory share, each with its file names. */
    static Map<Long, Set<String>> conflictGroupsOnDisk(Path objectDirectory) {
        Map<Long, Set<String>> byNumber = new TreeMap<>();
        for (String name : names(objectDirectory)) {
            if (REVISION_NAME.matcher(name).matches()) {
                long number = Long.parseLong(name.substring(0, name.indexOf('-')));
                byNumber.computeIfAbsent(number, n -> new TreeSet<>()).add(name);
            }
        }
        byNumber.values().removeIf(group -> group.size() < 2);
        return byNumber;
    }

    /** {@code getConflicts}' groups in the same shape as {@link #conflictGroupsOnDisk(Path)}. */
    static Map<Long, Set<String>> byNumber(List<List<String>> groups) {
        Map<Long, Set<String>> byNumber = new TreeMap<>();
        for (List<String> group : groups) {
            String first = group.get(0);
            byNumber.put(Long.parseLong(first.substring(0, first.indexOf('-'))), new TreeSet<>(group));
        }
        return byNumber;
    }

    /** The revision number of a revision name. */
    static long numberOf(String revision) {
        return Long.parseLong(revision.substring(0, revision.indexOf('-')));
    }

    /** A hand-made revision name: number N and 32 hex digits made of {@code fill} repeated. */
    static String revision(long number, char fill) {
        return number + "-" + String.valueOf(fill).repeat(32);
    }

    /**
     * Asserts the format's layout rules: at the top level only object directories (names not starting with
     * {@code .}) and the engine's own {@code .mpstore}; inside every object directory only regular files named
     * like revisions. Anything else there would be elected the winner by the original's readers.
     */
    static void assertOnlyRevisionFilesInObjectDirectories(Path store) {
        List<String> problems = new ArrayList<>();
        for (String name : names(store)) {
            Path entry = store.resolve(name);
            if (name.equals(ENGINE_DIR)) {
                continue;
            }
            if (name.startsWith(".")) {
                problems.add("dot-entry at the top level: " + name);
                continue;
            }
            if (!Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                problems.add("not a directory at the top level: " + name);
                continue;
            }
            for (String file : names(entry)) {
                Path path = entry.resolve(file);
                if (!REVISION_NAME.matcher(file).matches()) {
                    problems.add("non-revision name in object directory " + name + ": " + file);
                } else if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    problems.add("revision that is not a regular file in " + name + ": " + file);
                }
            }
        }
        assertThat(problems)
                .as("layout problems in %s (tree: %s)", store, tree(store))
                .isEmpty();
    }

    /** Asserts that no temp file or temp directory is left behind once every write has returned. */
    static void assertNoTempLeftovers(Path store) {
        Path tmp = store.resolve(ENGINE_DIR).resolve("tmp");
        assertThat(Files.isDirectory(tmp) ? tree(tmp) : List.<String>of())
                .as("leftovers in %s", tmp)
                .isEmpty();
    }
}
