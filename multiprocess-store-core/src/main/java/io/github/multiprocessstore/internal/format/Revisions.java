package io.github.multiprocessstore.internal.format;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a set of file names in an object directory means: which revision wins and which revisions conflict. Names
 * that are not revision names are ignored here (callers log them). Stateless.
 */
public final class Revisions {

    private Revisions() {}

    /**
     * The winning revision: the last valid revision name in alphanum order, the one the original elects.
     *
     * @param names file names of one object directory
     * @return the winner, or empty if there is no valid revision name
     */
    public static Optional<String> winner(Collection<String> names) {
        // Numbers first: valid names have at most 15 digits and no leading zeros, so a higher number is later in
        // alphanum order too; the full comparison is needed only between names of the highest number.
        String winner = null;
        long winnerNumber = -1;
        for (String name : names) {
            long number = RevisionNames.numberOf(name);
            if (number > winnerNumber
                    || (number == winnerNumber
                            && number >= 0
                            && AlphanumComparator.INSTANCE.compare(name, winner) > 0)) {
                winner = name;
                winnerNumber = number;
            }
        }
        return Optional.ofNullable(winner);
    }

    /**
     * The valid revision names, sorted in alphanum order (oldest first, winner last).
     *
     * @param names file names of one object directory
     * @return sorted revision names
     */
    public static List<String> history(Collection<String> names) {
        List<String> revisions = new ArrayList<>(names.size());
        for (String name : names) {
            if (RevisionNames.isValid(name)) {
                revisions.add(name);
            }
        }
        revisions.sort(AlphanumComparator.INSTANCE);
        return revisions;
    }

    /**
     * The conflicts in the original's shape: for every revision number held by two or more names, the sorted group
     * of those names; groups in ascending revision number.
     *
     * @param names file names of one object directory
     * @return conflict groups, empty if none
     */
    public static List<List<String>> conflicts(Collection<String> names) {
        TreeMap<Long, List<String>> byNumber = new TreeMap<>();
        for (String name : names) {
            long number = RevisionNames.numberOf(name);
            if (number >= 0) {
                byNumber.computeIfAbsent(number, n -> new ArrayList<>(2)).add(name);
            }
        }
        List<List<String>> groups = new ArrayList<>();
        for (List<String> group : byNumber.values()) {
            if (group.size() > 1) {
                group.sort(AlphanumComparator.INSTANCE);
                groups.add(List.copyOf(group));
            }
        }
        return List.copyOf(groups);
    }

    /**
     * The revisions a bounded history lets go: all but the newest {@code keep} in history order, oldest first,
     * leaving out every revision whose number is held by two or more names (a conflict stays until resolved).
     *
     * @param names file names of one object directory
     * @param keep  how many of the newest revisions to keep, at least 1 (the winner)
     * @return the revisions to retire, oldest first
     */
    public static List<String> oldestOutsideConflicts(Collection<String> names, int keep) {
        List<String> history = history(names);
        Set<Long> conflicting = new HashSet<>();
        for (List<String> group : conflicts(history)) {
            conflicting.add(RevisionNames.numberOf(group.get(0)));
        }
        List<String> retire = new ArrayList<>();
        for (int i = 0; i < history.size() - Math.max(1, keep); i++) {
            String revision = history.get(i);
            if (!conflicting.contains(RevisionNames.numberOf(revision))) {
                retire.add(revision);
            }
        }
        return retire;
    }

    /**
     * Whether any revision number is held by two or more names; cheaper than {@link #conflicts(Collection)}.
     *
     * @param names file names of one object directory
     * @return true if there is at least one conflict group
     */
    public static boolean hasConflict(Collection<String> names) {
        if (names.size() < 2) {
            return false;
        }
        HashSet<Long> seen = new HashSet<>();
        for (String name : names) {
            long number = RevisionNames.numberOf(name);
            if (number >= 0 && !seen.add(number)) {
                return true;
            }
        }
        return false;
    }
}
