package io.github.multiprocessstore.format;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a set of file names in an object directory means: which revision wins and which revisions conflict. Names
 * that are not revision names are ignored here (callers log them). Stateless.
 */
public final class Revisions {

    private Revisions() {
    }

    /**
     * The winning revision: the last valid revision name in alphanum order, the one the original elects.
     *
     * @param names file names of one object directory
     * @return the winner, or empty if there is no valid revision name
     */
    public static Optional<String> winner(Collection<String> names) {
        String winner = null;
        for (String name : names) {
            if (RevisionName.isValid(name)
                    && (winner == null || AlphanumComparator.INSTANCE.compare(name, winner) > 0)) {
                winner = name;
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
            if (RevisionName.isValid(name)) {
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
            long number = RevisionName.numberOf(name);
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
     * Whether any revision number is held by two or more names; cheaper than {@link #conflicts(Collection)}.
     *
     * @param names file names of one object directory
     * @return true if there is at least one conflict group
     */
    public static boolean hasConflict(Collection<String> names) {
        if (names.size() < 2) {
            return false;
        }
        java.util.HashSet<Long> seen = new java.util.HashSet<>();
        for (String name : names) {
            long number = RevisionName.numberOf(name);
            if (number >= 0 && !seen.add(number)) {
                return true;
            }
        }
        return false;
    }
}
