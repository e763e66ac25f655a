package io.github.multiprocessstore.cli.scan;

import io.github.multiprocessstore.ProgressListener;
import io.github.multiprocessstore.RevisionName;
import io.github.multiprocessstore.StoreFileNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * {@code stats}: counts a store's objects, revisions, conflicts and bytes from the files, in parallel, reading
 * only each object's winner (to tell a tombstone) and taking the size of the others, holding only the counts and
 * the ten objects with the most revisions.
 */
public final class Statistics {

    static final int TOP = 10;

    private static final Comparator<StoreStatistics.ObjectRevisions> MOST_FIRST = Comparator.comparingLong(
                    StoreStatistics.ObjectRevisions::revisions)
            .reversed()
            .thenComparing(StoreStatistics.ObjectRevisions::id);

    private final Path store;

    private long live;
    private long deleted;
    private long unreadable;
    private long revisions;
    private long conflicted;
    private long bytes;
    /** The current top ten, the least first, so that it is the one to drop. */
    private final PriorityQueue<StoreStatistics.ObjectRevisions> top = new PriorityQueue<>(MOST_FIRST.reversed());

    /** @param store the store directory (existing) */
    public Statistics(Path store) {
        this.store = store;
    }

    /** One object's part of the counts; null for a top-level entry that is not an object with revisions. */
    private record ObjectCounts(
            String id, long revisions, boolean conflicted, long bytes, RevisionFile.Content winner) {}

    /** Counts the store. */
    public StoreStatistics run(ParallelScan scan, ProgressListener progress) {
        List<String> names = TopLevel.names(store).stream()
                .filter(name -> !name.startsWith("."))
                .toList();
        scan.run(names, this::countObject, this::add, progress);
        List<StoreStatistics.ObjectRevisions> most = new ArrayList<>(top);
        most.sort(MOST_FIRST);
        return new StoreStatistics(live, deleted, unreadable, revisions, conflicted, bytes, List.copyOf(most));
    }

    private void add(ObjectCounts counts) {
        if (counts == null) {
            return;
        }
        switch (counts.winner()) {
            case OBJECT -> live++;
            case TOMBSTONE -> deleted++;
            default -> unreadable++;
        }
        revisions += counts.revisions();
        bytes += counts.bytes();
        if (counts.conflicted()) {
            conflicted++;
        }
        top.add(new StoreStatistics.ObjectRevisions(counts.id(), counts.revisions()));
        if (top.size() > TOP) {
            top.poll();
        }
    }

    private ObjectCounts countObject(String name) {
        Optional<String> id = StoreFileNames.idOfDirectory(name);
        Path directory = store.resolve(name);
        if (id.isEmpty() || !Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        String[] entries = directory.toFile().list();
        if (entries == null) {
            return null;
        }
        List<String> names = new ArrayList<>(entries.length);
        Set<Long> numbers = new HashSet<>();
        boolean conflicted = false;
        for (String entry : entries) {
            long number = RevisionName.numberOf(entry);
            if (number >= 0) {
                names.add(entry);
                conflicted |= !numbers.add(number);
            }
        }
        if (names.isEmpty()) {
            return null;
        }
        names.sort(StoreFileNames.REVISION_ORDER);
        String winner = names.get(names.size() - 1);
        long size = 0;
        RevisionFile.Content content;
        try {
            byte[] winnerBytes = RevisionFile.read(directory.resolve(winner));
            size += winnerBytes.length;
            content = RevisionFile.check(winnerBytes).content();
        } catch (IOException e) {
            content = RevisionFile.Content.NOT_JSON;
        }
        for (int i = 0; i < names.size() - 1; i++) {
            size += sizeOf(directory.resolve(names.get(i)));
        }
        return new ObjectCounts(id.get(), names.size(), conflicted, size, content);
    }

    private static long sizeOf(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    .size();
        } catch (NoSuchFileException retired) {
            return 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
